/* ---
id = "K4"
volgorde = 304
naam = "doorlooptijd_pv_afdoening_mediaan_dagen"
titel = "Doorlooptijd van proces-verbaal tot afdoening"
definitie = "Mediaan van het aantal dagen tussen het opleggen van het proces-verbaal en de afdoening door het OM, over de processen-verbaal in de teller van K2; bij een even aantal het gemiddelde van de middelste twee."
eenheid = "dagen"
soort = "mediaan"
paragraaf = "Van proces-verbaal tot afdoening"
hoofdstuk = "handhaving"
dekking = true
--- */
{% import "strafrechtketen.sql" as keten %}
WITH {{ keten.pv_en_zaak(begin, eind, peildatum) }},
doorloop AS (
    SELECT p.gebied_nr,
           CAST(z.datum_afdoening AS INTEGER) - CAST(p.datum_opleggen AS INTEGER) AS dagen
    FROM pv p
    JOIN zaak z ON z.partij = p.partij AND z.maatregel_id = p.maatregel_id
    WHERE z.datum_afdoening <= DATE('{{ peildatum }}')
)
SELECT i.niveau, i.eenheid,
       MEDIAN(d.dagen) AS waarde,
       COUNT(*) AS noemer
FROM doorloop d
JOIN indeling i ON i.gebied_nr = d.gebied_nr
GROUP BY i.niveau, i.eenheid

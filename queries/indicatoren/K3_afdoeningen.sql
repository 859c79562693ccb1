/* ---
id = "K3"
volgorde = 303
naam = "afdoeningen"
titel = "Afdoeningen van het OM"
definitie = "Aantal strafzaken in de teller van K2 (processen-verbaal van het jaar waarvan de strafzaak uiterlijk op de peildatum is afgedaan), in totaal, naar afdoening en naar categorie van de afdoening."
eenheid = "aantal"
soort = "aantal"
paragraaf = "Van proces-verbaal tot afdoening"
hoofdstuk = "handhaving"
dimensies = { afdoening = "afdoening_om", categorie_afdoening = "afdoening_om.categorie" }
dekking = true
--- */
{% import "strafrechtketen.sql" as keten %}
WITH {{ keten.pv_en_zaak(begin, eind, peildatum) }},
afgedaan AS (
    SELECT p.gebied_nr, z.afdoening, z.categorie_afdoening
    FROM pv p
    JOIN zaak z ON z.partij = p.partij AND z.maatregel_id = p.maatregel_id
    WHERE z.datum_afdoening <= DATE('{{ peildatum }}')
)
SELECT i.niveau, i.eenheid,
       CAST(NULL AS VARCHAR) AS dimensie, CAST(NULL AS VARCHAR) AS dimensie_waarde,
       COUNT(*) AS waarde
FROM afgedaan a
JOIN indeling i ON i.gebied_nr = a.gebied_nr
GROUP BY i.niveau, i.eenheid
UNION ALL
SELECT i.niveau, i.eenheid, 'afdoening' AS dimensie, a.afdoening AS dimensie_waarde,
       COUNT(*) AS waarde
FROM afgedaan a
JOIN indeling i ON i.gebied_nr = a.gebied_nr
GROUP BY i.niveau, i.eenheid, a.afdoening
UNION ALL
SELECT i.niveau, i.eenheid, 'categorie_afdoening' AS dimensie,
       a.categorie_afdoening AS dimensie_waarde, COUNT(*) AS waarde
FROM afgedaan a
JOIN indeling i ON i.gebied_nr = a.gebied_nr
GROUP BY i.niveau, i.eenheid, a.categorie_afdoening

/* ---
id = "K5"
volgorde = 305
naam = "sanctie_bij_zwaar_pct"
titel = "Zware overtredingen met een strafrechtelijke sanctie"
definitie = "Aandeel van de zware overtredingen in het jaar (de noemer van H7) met een gekoppelde strafzaak die uiterlijk op de peildatum eindigde in een afdoening van categorie sanctie (strafbeschikking, transactie) of in een veroordeling door de rechter. Zonder levering van het OM over het jaar: geen waarnemingen."
eenheid = "procent"
soort = "aandeel"
paragraaf = "Van proces-verbaal tot afdoening"
hoofdstuk = "handhaving"
# Disclosure control: the published counts this share equals (suppressed with them).
noemer_gelijk_aan = ["H1[ernst=zwaar]"]
dekking = true
--- */
{% import "strafrechtketen.sql" as keten %}
{% if "OM" in partijen_geleverd %}
WITH {{ keten.pv_en_zaak(begin, eind, peildatum) }},
-- An overtreding with a PV whose case (the earliest, as for K1–K4) ended in a
-- sanction by the peildatum: an afdoening of categorie sanctie, or a veroordeling.
gestraft AS (
    SELECT DISTINCT p.overtreding_nr, 1 AS sanctie
    FROM pv p
    JOIN zaak z ON z.partij = p.partij AND z.maatregel_id = p.maatregel_id
    WHERE (z.categorie_afdoening = 'sanctie' AND z.datum_afdoening <= DATE('{{ peildatum }}'))
       OR (z.uitspraak = 'veroordeling' AND z.datum_uitspraak <= DATE('{{ peildatum }}'))
),
per_gemeente AS (
    SELECT o.gebied_nr,
           SUM(COALESCE(g.sanctie, 0)) AS teller,
           COUNT(*) AS noemer
    FROM overtredingen o
    LEFT JOIN gestraft g ON g.overtreding_nr = o.overtreding_nr
    WHERE o.overtredingsdatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
      AND o.ernst = 'zwaar'
    GROUP BY o.gebied_nr
)
SELECT i.niveau, i.eenheid,
       SUM(p.teller) AS teller,
       SUM(p.noemer) AS noemer
FROM per_gemeente p
JOIN indeling i ON i.gebied_nr = p.gebied_nr
GROUP BY i.niveau, i.eenheid
{% else %}
{{ keten.zonder_om() }}
{% endif %}

/* ---
id = "H4"
volgorde = 204
kernbevinding = 6
naam = "opvolging_onbekend_pct"
titel = "Middelzware en zware overtredingen met onbekende opvolging"
definitie = "Aandeel van de middelzware en zware overtredingen in het jaar zonder enige handhavingsmaatregel (tot de peildatum) en zonder vastgelegde keuze om niet te handhaven (indicatie_handhaving is niet false): de opvolging is uit de gegevens niet af te leiden."
eenheid = "procent"
soort = "aandeel"
paragraaf = "Opvolging"
hoofdstuk = "handhaving"
# A key indicator of the regional differences: drawn as maps in the report.
kaart = true
# Disclosure control: the published counts this share equals (suppressed with them).
noemer_gelijk_aan = ["H1[ernst=middelzwaar]", "H1[ernst=zwaar]"]
dekking = true
--- */
WITH met_maatregel AS (
    SELECT DISTINCT overtreding_nr, 1 AS heeft_maatregel
    FROM handhavingsmaatregelen
    WHERE datum_opleggen <= DATE('{{ peildatum }}')
),
-- Counted per (partij, gemeente) first, then summed over the levels of indeling
-- (see T1): the join with indeling sees a few thousand groups, not every row.
per_gemeente AS (
    SELECT o.gebied_nr,
           SUM(CASE
                 WHEN m.heeft_maatregel IS NULL AND COALESCE(o.indicatie_handhaving, TRUE) THEN 1
                 ELSE 0
               END) AS teller,
           COUNT(*) AS noemer
    FROM overtredingen o
    LEFT JOIN met_maatregel m ON m.overtreding_nr = o.overtreding_nr
    WHERE o.overtredingsdatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
      AND o.ernst IN ('middelzwaar', 'zwaar')
    GROUP BY o.gebied_nr
)
SELECT i.niveau, i.eenheid,
       SUM(p.teller) AS teller,
       SUM(p.noemer) AS noemer
FROM per_gemeente p
JOIN indeling i ON i.gebied_nr = p.gebied_nr
GROUP BY i.niveau, i.eenheid

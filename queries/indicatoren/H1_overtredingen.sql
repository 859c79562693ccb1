/* ---
id = "H1"
volgorde = 201
kernbevinding = 3
naam = "overtredingen"
titel = "Overtredingen"
definitie = "Aantal overtredingen met een overtredingsdatum in het jaar, in totaal en naar geharmoniseerde ernst (licht, middelzwaar, zwaar, onbekend)."
eenheid = "aantal"
soort = "aantal"
paragraaf = "Overtredingen en hun ernst"
hoofdstuk = "handhaving"
dimensies = { ernst = "ernst" }
dekking = true
--- */
-- Counted per (partij, gemeente) and ernst first, then summed over the levels of
-- indeling (see T1): the join with indeling sees a few thousand groups, not every row.
WITH per_gemeente AS (
    SELECT o.gebied_nr, o.ernst, COUNT(*) AS n
    FROM overtredingen o
    WHERE o.overtredingsdatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
    GROUP BY o.gebied_nr, o.ernst
)
SELECT i.niveau, i.eenheid,
       CAST(NULL AS VARCHAR) AS dimensie, CAST(NULL AS VARCHAR) AS dimensie_waarde,
       SUM(p.n) AS waarde
FROM per_gemeente p
JOIN indeling i ON i.gebied_nr = p.gebied_nr
GROUP BY i.niveau, i.eenheid
UNION ALL
SELECT i.niveau, i.eenheid, 'ernst' AS dimensie, p.ernst AS dimensie_waarde,
       SUM(p.n) AS waarde
FROM per_gemeente p
JOIN indeling i ON i.gebied_nr = p.gebied_nr
GROUP BY i.niveau, i.eenheid, p.ernst

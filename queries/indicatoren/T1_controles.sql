/* ---
id = "T1"
volgorde = 101
kernbevinding = 1
naam = "controles"
titel = "Controles"
definitie = "Aantal controles met een controledatum in het jaar."
eenheid = "aantal"
soort = "aantal"
paragraaf = "Controles"
hoofdstuk = "toezicht"
dekking = true
--- */
-- Counted per (partij, gemeente) first, then summed over the levels of indeling:
-- the join with indeling then sees a few thousand groups instead of every row.
WITH per_gemeente AS (
    SELECT c.gebied_nr, COUNT(*) AS n
    FROM controles c
    WHERE c.controledatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
    GROUP BY c.gebied_nr
)
SELECT i.niveau, i.eenheid, SUM(p.n) AS waarde
FROM per_gemeente p
JOIN indeling i ON i.gebied_nr = p.gebied_nr
GROUP BY i.niveau, i.eenheid

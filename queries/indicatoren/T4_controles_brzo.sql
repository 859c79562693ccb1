/* ---
id = "T4"
volgorde = 104
naam = "controles_brzo"
titel = "Controles bij BRZO-bedrijven"
definitie = "Aantal controles in het jaar (T1) bij een object dat onder BRZO/Seveso valt."
eenheid = "aantal"
soort = "aantal"
paragraaf = "Controles"
hoofdstuk = "toezicht"
dekking = true
--- */
-- Counted per (partij, gemeente) first, then summed over the levels of indeling:
-- the join with indeling then sees a few thousand groups instead of every row.
WITH per_gemeente AS (
    SELECT c.gebied_nr, SUM(CASE WHEN c.brzo THEN 1 ELSE 0 END) AS n
    FROM controles c
    WHERE c.controledatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
    GROUP BY c.gebied_nr
)
SELECT i.niveau, i.eenheid, SUM(p.n) AS waarde
FROM per_gemeente p
JOIN indeling i ON i.gebied_nr = p.gebied_nr
GROUP BY i.niveau, i.eenheid

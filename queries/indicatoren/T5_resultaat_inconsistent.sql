/* ---
id = "T5"
volgorde = 105
naam = "resultaat_inconsistent"
titel = "Controles met een tegenstrijdig resultaat"
definitie = "Aantal controles in het jaar (T1) met resultaat 'overtreden' zonder gekoppelde overtreding, of met een gekoppelde overtreding maar resultaat 'nageleefd' (een signaal over de datakwaliteit)."
eenheid = "aantal"
soort = "aantal"
paragraaf = "Kwaliteit van de registratie"
hoofdstuk = "toezicht"
dekking = true
--- */
WITH met_overtreding AS (
    SELECT DISTINCT controle_nr, 1 AS gekoppeld
    FROM overtredingen
),
-- Counted per (partij, gemeente) first, then summed over the levels of indeling:
-- the join with indeling then sees a few thousand groups instead of every row.
per_gemeente AS (
    SELECT c.gebied_nr,
           SUM(CASE
                 WHEN c.resultaat = 'overtreden' AND m.gekoppeld IS NULL THEN 1
                 WHEN c.resultaat = 'nageleefd' AND m.gekoppeld = 1 THEN 1
                 ELSE 0
               END) AS n
    FROM controles c
    LEFT JOIN met_overtreding m ON m.controle_nr = c.controle_nr
    WHERE c.controledatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
    GROUP BY c.gebied_nr
)
SELECT i.niveau, i.eenheid, SUM(p.n) AS waarde
FROM per_gemeente p
JOIN indeling i ON i.gebied_nr = p.gebied_nr
GROUP BY i.niveau, i.eenheid

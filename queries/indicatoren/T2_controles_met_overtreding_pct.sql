/* ---
id = "T2"
volgorde = 102
kernbevinding = 2
naam = "controles_met_overtreding_pct"
titel = "Controles met een overtreding"
definitie = "Aandeel van de controles in het jaar (T1) waaraan ten minste één overtreding is gekoppeld."
eenheid = "procent"
soort = "aandeel"
paragraaf = "Controles"
hoofdstuk = "toezicht"
# A key indicator of the regional differences: drawn as maps in the report.
kaart = true
# Disclosure control: the published counts this share equals (suppressed with them).
noemer_gelijk_aan = ["T1"]
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
           SUM(COALESCE(m.gekoppeld, 0)) AS teller, COUNT(*) AS noemer
    FROM controles c
    LEFT JOIN met_overtreding m ON m.controle_nr = c.controle_nr
    WHERE c.controledatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
    GROUP BY c.gebied_nr
)
SELECT i.niveau, i.eenheid,
       SUM(p.teller) AS teller,
       SUM(p.noemer) AS noemer
FROM per_gemeente p
JOIN indeling i ON i.gebied_nr = p.gebied_nr
GROUP BY i.niveau, i.eenheid

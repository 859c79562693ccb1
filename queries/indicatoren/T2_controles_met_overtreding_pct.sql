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
-- Counted per (partij, gemeente) first, then summed over the levels of indeling:
-- the join with indeling then sees a few thousand groups instead of every row.
-- The controles with an overtreding by a semi join: no list of distinct controles.
WITH per_gemeente AS (
    SELECT c.gebied_nr, COUNT(*) AS noemer
    FROM controles c
    WHERE c.controledatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
    GROUP BY c.gebied_nr
),
met_overtreding AS (
    SELECT c.gebied_nr, COUNT(*) AS teller
    FROM controles c
    SEMI JOIN overtredingen o ON o.controle_nr = c.controle_nr
    WHERE c.controledatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
    GROUP BY c.gebied_nr
)
SELECT i.niveau, i.eenheid,
       SUM(COALESCE(m.teller, 0)) AS teller,
       SUM(p.noemer) AS noemer
FROM per_gemeente p
LEFT JOIN met_overtreding m ON m.gebied_nr = p.gebied_nr
JOIN indeling i ON i.gebied_nr = p.gebied_nr
GROUP BY i.niveau, i.eenheid

/* ---
id = "T2"
naam = "controles_met_overtreding_pct"
titel = "Controles met een overtreding"
definitie = "Aandeel van de controles in het jaar (T1) waaraan ten minste één overtreding is gekoppeld."
eenheid = "procent"
soort = "aandeel"
paragraaf = "Controles"
hoofdstuk = "toezicht"
--- */
WITH met_overtreding AS (
    SELECT DISTINCT partij, controle_id, 1 AS gekoppeld
    FROM overtredingen
)
SELECT i.niveau, i.eenheid,
       SUM(COALESCE(m.gekoppeld, 0)) AS teller,
       COUNT(*) AS noemer
FROM controles c
JOIN indeling i ON i.partij = c.partij AND i.gemeente_code = c.gemeente_code
LEFT JOIN met_overtreding m ON m.partij = c.partij AND m.controle_id = c.controle_id
WHERE c.controledatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
GROUP BY i.niveau, i.eenheid

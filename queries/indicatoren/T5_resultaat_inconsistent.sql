/* ---
id = "T5"
naam = "resultaat_inconsistent"
titel = "Controles met een tegenstrijdig resultaat"
definitie = "Aantal controles in het jaar (T1) met resultaat 'overtreden' zonder gekoppelde overtreding, of met een gekoppelde overtreding maar resultaat 'nageleefd' (een signaal over de datakwaliteit)."
eenheid = "aantal"
soort = "aantal"
paragraaf = "Kwaliteit van de registratie"
hoofdstuk = "toezicht"
--- */
WITH met_overtreding AS (
    SELECT DISTINCT partij, controle_id, 1 AS gekoppeld
    FROM overtredingen
)
SELECT i.niveau, i.eenheid,
       SUM(CASE
             WHEN c.resultaat = 'overtreden' AND m.gekoppeld IS NULL THEN 1
             WHEN c.resultaat = 'nageleefd' AND m.gekoppeld = 1 THEN 1
             ELSE 0
           END) AS waarde
FROM controles c
JOIN indeling i ON i.partij = c.partij AND i.gemeente_code = c.gemeente_code
LEFT JOIN met_overtreding m ON m.partij = c.partij AND m.controle_id = c.controle_id
WHERE c.controledatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
GROUP BY i.niveau, i.eenheid

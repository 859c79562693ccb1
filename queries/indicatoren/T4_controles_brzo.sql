/* ---
id = "T4"
naam = "controles_brzo"
titel = "Controles bij BRZO-bedrijven"
definitie = "Aantal controles in het jaar (T1) bij een object dat onder BRZO/Seveso valt."
eenheid = "aantal"
soort = "aantal"
paragraaf = "Controles"
hoofdstuk = "toezicht"
--- */
SELECT i.niveau, i.eenheid,
       SUM(CASE WHEN c.brzo THEN 1 ELSE 0 END) AS waarde
FROM controles c
JOIN indeling i ON i.partij = c.partij AND i.gemeente_code = c.gemeente_code
WHERE c.controledatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
GROUP BY i.niveau, i.eenheid

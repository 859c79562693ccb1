/* ---
id = "T1"
naam = "controles"
titel = "Controles"
definitie = "Aantal controles met een controledatum in het jaar."
eenheid = "aantal"
soort = "aantal"
paragraaf = "Controles"
hoofdstuk = "toezicht"
--- */
SELECT i.niveau, i.eenheid, COUNT(*) AS waarde
FROM controles c
JOIN indeling i ON i.partij = c.partij AND i.gemeente_code = c.gemeente_code
WHERE c.controledatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
GROUP BY i.niveau, i.eenheid

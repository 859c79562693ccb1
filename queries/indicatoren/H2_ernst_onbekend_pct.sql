/* ---
id = "H2"
naam = "ernst_onbekend_pct"
titel = "Overtredingen zonder vastgelegde ernst"
definitie = "Aandeel van de overtredingen in het jaar (H1) waarvan de ernst ook na harmonisatie onbekend is."
eenheid = "procent"
soort = "aandeel"
paragraaf = "Overtredingen en hun ernst"
hoofdstuk = "handhaving"
--- */
SELECT i.niveau, i.eenheid,
       SUM(CASE WHEN o.ernst = 'onbekend' THEN 1 ELSE 0 END) AS teller,
       COUNT(*) AS noemer
FROM overtredingen o
JOIN indeling i ON i.partij = o.partij AND i.gemeente_code = o.gemeente_code
WHERE o.overtredingsdatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
GROUP BY i.niveau, i.eenheid

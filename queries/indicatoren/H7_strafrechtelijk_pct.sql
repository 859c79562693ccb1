/* ---
id = "H7"
naam = "strafrechtelijk_pct"
titel = "Strafrechtelijke opvolging van zware overtredingen"
definitie = "Aandeel van de zware overtredingen in het jaar met ten minste één maatregel (tot de peildatum) van de categorie strafrechtelijk."
eenheid = "procent"
soort = "aandeel"
paragraaf = "Bestuursrecht en strafrecht"
hoofdstuk = "handhaving"
--- */
WITH strafrechtelijk AS (
    SELECT DISTINCT partij, overtreding_id, 1 AS straf
    FROM handhavingsmaatregelen
    WHERE categorie = 'strafrechtelijk'
      AND datum_opleggen <= DATE('{{ peildatum }}')
)
SELECT i.niveau, i.eenheid,
       SUM(COALESCE(s.straf, 0)) AS teller,
       COUNT(*) AS noemer
FROM overtredingen o
JOIN indeling i ON i.partij = o.partij AND i.gemeente_code = o.gemeente_code
LEFT JOIN strafrechtelijk s ON s.partij = o.partij AND s.overtreding_id = o.overtreding_id
WHERE o.overtredingsdatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
  AND o.ernst = 'zwaar'
GROUP BY i.niveau, i.eenheid

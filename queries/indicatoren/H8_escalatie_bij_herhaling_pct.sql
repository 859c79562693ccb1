/* ---
id = "H8"
volgorde = 208
naam = "escalatie_bij_herhaling_pct"
titel = "Escalatie bij herhaalde overtreding"
definitie = "Van de combinaties van partij en object met ten minste twee overtredingen in het jaar die elk een maatregel hebben (tot de peildatum): het aandeel waarbij de hoogste zwaarte onder de maatregelen van de chronologisch laatste overtreding groter is dan die van de eerste. Bij gelijke datum komt het laagste overtreding_id eerst. Ingedeeld naar de gemeente van de laatste overtreding."
eenheid = "procent"
soort = "aandeel"
paragraaf = "Opvolging"
hoofdstuk = "handhaving"
dekking = true
--- */
WITH zwaarte AS (
    SELECT overtreding_nr, MAX(zwaarte) AS zwaarte
    FROM handhavingsmaatregelen
    WHERE datum_opleggen <= DATE('{{ peildatum }}')
    GROUP BY overtreding_nr
),
-- The order of an object's overtredingen: by date, then id. The date as text
-- (jjjj-mm-dd, fixed width) before the id orders as the pair does.
reeks AS (
    SELECT o.object_nr, o.gebied_nr, z.zwaarte,
           CAST(o.overtredingsdatum AS VARCHAR) || '|' || o.overtreding_id AS volgorde
    FROM overtredingen o
    JOIN zwaarte z ON z.overtreding_nr = o.overtreding_nr
    WHERE o.overtredingsdatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
),
-- Objects with two or more: their first and last overtreding.
grenzen AS (
    SELECT object_nr, MIN(volgorde) AS eerste, MAX(volgorde) AS laatste
    FROM reeks
    GROUP BY object_nr
    HAVING COUNT(*) >= 2
),
paren AS (
    SELECT l.gebied_nr,
           CASE WHEN l.zwaarte > f.zwaarte THEN 1 ELSE 0 END AS escalatie
    FROM grenzen g
    JOIN reeks f ON f.object_nr = g.object_nr AND f.volgorde = g.eerste
    JOIN reeks l ON l.object_nr = g.object_nr AND l.volgorde = g.laatste
)
SELECT i.niveau, i.eenheid,
       SUM(p.escalatie) AS teller,
       COUNT(*) AS noemer
FROM paren p
JOIN indeling i ON i.gebied_nr = p.gebied_nr
GROUP BY i.niveau, i.eenheid

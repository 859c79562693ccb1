-- The overtredingen a year's indicator queries see: those of the year and of the
-- year before (C2 looks one year back), and every overtreding of a controle seen
-- above, whatever its date (T2 and T5 ask whether a controle has any).
WITH van_controles AS (
    SELECT DISTINCT partij, controle_id, 1 AS gezien
    FROM controles
)
SELECT o.*
FROM alle_overtredingen o
LEFT JOIN van_controles c ON c.partij = o.partij AND c.controle_id = o.controle_id
WHERE o.overtredingsdatum BETWEEN DATE('{{ vorig_begin }}') AND DATE('{{ eind }}')
   OR c.gezien = 1

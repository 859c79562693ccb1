-- The overtredingen a year's indicator queries see: those of the year and of the
-- year before (C2 looks one year back), and every overtreding of a controle seen
-- above, whatever its date (T2 and T5 ask whether a controle has any).
-- Two parts without overlap; a semi join finds the second without a DISTINCT of
-- the controles or a row per match.
SELECT o.*
FROM alle_overtredingen o
WHERE o.overtredingsdatum BETWEEN DATE('{{ vorig_begin }}') AND DATE('{{ eind }}')
UNION ALL
SELECT o.*
FROM alle_overtredingen o
SEMI JOIN controles c ON c.controle_nr = o.controle_nr
WHERE NOT (o.overtredingsdatum BETWEEN DATE('{{ vorig_begin }}') AND DATE('{{ eind }}'))

-- The overtredingen a year's indicator queries see: those of the year and of the
-- year before (C2 looks one year back), and every overtreding of a controle seen
-- above, whatever its date (T2 and T5 ask whether a controle has any).
-- Two parts without overlap; a semi join finds the second without a DISTINCT of
-- the controles or a row per match. In a comparable-years run the first part leaves
-- out the parties outside the panel; the second follows the controles above.
SELECT o.*
FROM alle_overtredingen o
{% if buiten_panel %}ANTI JOIN buiten_panel b ON b.partij = o.partij
{% endif %}WHERE o.overtredingsdatum BETWEEN DATE('{{ vorig_begin }}') AND DATE('{{ eind }}')
UNION ALL
SELECT o.*
FROM alle_overtredingen o
SEMI JOIN controles c ON c.controle_nr = o.controle_nr
WHERE NOT (o.overtredingsdatum BETWEEN DATE('{{ vorig_begin }}') AND DATE('{{ eind }}'))

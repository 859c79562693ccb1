-- The controles a year's indicator queries see: those of the year (T1, T2, T4, T5)
-- and those up to the peildatum, where a hercontrole after an overtreding of the
-- year may fall (T3). Reads `alle_controles`, the accepted controles of all years;
-- in a comparable-years run without the parties outside the panel (spec/dekking.md).
SELECT c.*
FROM alle_controles c
{% if buiten_panel %}ANTI JOIN buiten_panel b ON b.partij = c.partij
{% endif %}WHERE controledatum >= DATE('{{ begin }}')
  AND (controledatum <= DATE('{{ eind }}') OR controledatum <= DATE('{{ peildatum }}'))

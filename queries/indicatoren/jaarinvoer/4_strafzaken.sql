-- The strafzaken a year's indicator queries see: those that reached the OM up to
-- the peildatum (K1–K5 by their proces-verbaal, K6 by datum_instroom in the year);
-- in a comparable-years run not those whose verbalisant is outside the panel.
SELECT s.*
FROM alle_strafzaken s
{% if buiten_panel %}ANTI JOIN buiten_panel b ON b.partij = s.partij_verbalisant
{% endif %}WHERE datum_instroom <= DATE('{{ peildatum }}')

-- The strafzaken a year's indicator queries see: those that reached the OM up to
-- the peildatum (K1–K5 by their proces-verbaal, K6 by datum_instroom in the year).
SELECT *
FROM alle_strafzaken
WHERE datum_instroom <= DATE('{{ peildatum }}')

-- The handhavingsmaatregelen a year's indicator queries see: every measure of an
-- overtreding seen above, up to the peildatum (no definition counts a measure
-- imposed after it; measures always follow an overtreding: H3–H10, K1–K5).
SELECT m.*
FROM alle_handhavingsmaatregelen m
SEMI JOIN overtredingen o ON o.overtreding_nr = m.overtreding_nr
WHERE m.datum_opleggen <= DATE('{{ peildatum }}')

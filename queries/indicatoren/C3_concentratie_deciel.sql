/* ---
id = "C3"
volgorde = 403
naam = "concentratie_deciel"
titel = "Overtredingen per tiende deel van de objecten (Lorenzcurve)"
definitie = "De objecten met ten minste één overtreding in het jaar, gerangschikt naar hun aantal overtredingen (de meeste eerst; bij gelijke aantallen op partij en object_id); het object op rang r van n valt in deciel ⌈10·r/n⌉. Waarde: het aandeel van alle overtredingen in het jaar (H1) dat bij de objecten van dat deciel werd gevonden."
eenheid = "procent"
soort = "aandeel"
paragraaf = "Herhaling en concentratie"
hoofdstuk = "handhaving"
niveaus = ["nationaal"]
dimensies = { deciel = "" }
figuur = "lorenz"
# Only the deciles: a total would be 100 % by definition.
totaal = false
# Disclosure control: the published counts this share equals (suppressed with them).
noemer_gelijk_aan = ["H1"]
dekking = true
--- */
WITH per_object AS (
    SELECT object_nr, COUNT(*) AS n
    FROM overtredingen
    WHERE overtredingsdatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
    GROUP BY object_nr
),
gerangschikt AS (
    -- Ties in n may fall either way: the sum of each decile's ranks is the same.
    SELECT n, ROW_NUMBER() OVER (ORDER BY -n, object_nr) AS rang
    FROM per_object
),
omvang AS (
    SELECT COUNT(*) AS objecten, SUM(n) AS overtredingen FROM per_object
),
-- 10.0 · r / n: an exact quotient stays exact, so rang 3 of 30 is deciel 1.
per_deciel AS (
    SELECT CAST(CEIL(10.0 * g.rang / m.objecten) AS BIGINT) AS deciel,
           g.n, m.overtredingen
    FROM gerangschikt g
    CROSS JOIN omvang m
),
-- Every deciel gets a row, also one without objects (fewer than ten objects).
decielen AS (
    SELECT 1 AS deciel UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
    UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8
    UNION ALL SELECT 9 UNION ALL SELECT 10
)
SELECT 'nationaal' AS niveau, 'NL' AS eenheid, 'deciel' AS dimensie,
       CAST(d.deciel AS VARCHAR) AS dimensie_waarde,
       SUM(COALESCE(p.n, 0)) AS teller,
       MAX(m.overtredingen) AS noemer
FROM decielen d
CROSS JOIN omvang m
LEFT JOIN per_deciel p ON p.deciel = CAST(d.deciel AS BIGINT)
GROUP BY d.deciel

/* ---
id = "C1"
volgorde = 401
kernbevinding = 9
naam = "concentratie_top10_pct"
titel = "Overtredingen bij de 10% objecten met de meeste overtredingen"
definitie = "Aandeel van de overtredingen in het jaar (H1) in de eenheid dat werd gevonden bij de 10% van de objecten (naar boven afgerond) met de meeste overtredingen in die eenheid en dat jaar. Een object is een object_id van een partij; een overtreding ligt in de gemeente van haar controle, zoals bij H1."
eenheid = "procent"
soort = "aandeel"
paragraaf = "Herhaling en concentratie"
hoofdstuk = "handhaving"
kaart = true
kop = "In {jaar} werd {waarde} van de overtredingen gevonden bij de 10% van de objecten met de meeste overtredingen"
# Disclosure control: the published counts this share equals (suppressed with them).
noemer_gelijk_aan = ["H1"]
dekking = true
--- */
-- Objects per eenheid: an object with overtredingen in two gemeenten counts in the
-- eenheid of each, with the overtredingen found there.
WITH per_object AS (
    SELECT i.niveau, i.eenheid, o.object_nr, COUNT(*) AS n
    FROM overtredingen o
    JOIN indeling i ON i.gebied_nr = o.gebied_nr
    WHERE o.overtredingsdatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
    GROUP BY i.niveau, i.eenheid, o.object_nr
),
-- Most overtredingen first; which of two tied objects is first does not change
-- the sum of the top 10%.
gerangschikt AS (
    SELECT niveau, eenheid, n,
           -- Ties in n may fall either way: the sum of the top ranks is the same.
           ROW_NUMBER() OVER (PARTITION BY niveau, eenheid ORDER BY -n, object_nr) AS rang
    FROM per_object
),
omvang AS (
    SELECT niveau, eenheid, COUNT(*) AS objecten, SUM(n) AS overtredingen
    FROM per_object
    GROUP BY niveau, eenheid
)
-- CEIL(objecten / 10.0): an exact quotient stays exact, so 30 objects give 3.
SELECT g.niveau, g.eenheid,
       SUM(CASE WHEN g.rang <= CEIL(m.objecten / 10.0) THEN g.n ELSE 0 END) AS teller,
       MAX(m.overtredingen) AS noemer
FROM gerangschikt g
JOIN omvang m ON m.niveau = g.niveau AND m.eenheid = g.eenheid
GROUP BY g.niveau, g.eenheid

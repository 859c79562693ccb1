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
-- How many objects have n overtredingen: the top 10% are the objects of the
-- largest n, and which of two tied objects is in it does not change the sum.
-- (No ROW_NUMBER window: polars sorts every partition of a window on its own.)
verdeling AS (
    SELECT niveau, eenheid, n, COUNT(*) AS objecten
    FROM per_object
    GROUP BY niveau, eenheid, n
),
-- Per n, the objects with n or more overtredingen (w.n >= v.n includes v itself,
-- so every row of verdeling keeps a match).
vanaf AS (
    SELECT v.niveau, v.eenheid, v.n, MAX(v.objecten) AS objecten,
           SUM(w.objecten) AS objecten_vanaf
    FROM verdeling v
    JOIN verdeling w ON w.niveau = v.niveau AND w.eenheid = v.eenheid
    WHERE w.n >= v.n
    GROUP BY v.niveau, v.eenheid, v.n
),
omvang AS (
    SELECT niveau, eenheid, SUM(objecten) AS objecten, SUM(n * objecten) AS overtredingen
    FROM verdeling
    GROUP BY niveau, eenheid
),
-- CEIL(objecten / 10.0): an exact quotient stays exact, so 30 objects give 3.
-- Of the objects with n, those still within the top: the top's size minus the
-- objects with more, at least 0 and at most all of them.
in_top AS (
    SELECT v.niveau, v.eenheid, v.n, v.objecten,
           CAST(CEIL(m.objecten / 10.0) AS BIGINT) - (v.objecten_vanaf - v.objecten)
               AS plaatsen,
           m.overtredingen
    FROM vanaf v
    JOIN omvang m ON m.niveau = v.niveau AND m.eenheid = v.eenheid
)
SELECT niveau, eenheid,
       SUM(n * CASE WHEN plaatsen <= 0 THEN 0
                    WHEN plaatsen >= objecten THEN objecten
                    ELSE plaatsen END) AS teller,
       MAX(overtredingen) AS noemer
FROM in_top
GROUP BY niveau, eenheid

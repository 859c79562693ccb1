/* ---
id = "H1"
volgorde = 201
kernbevinding = 3
naam = "overtredingen"
titel = "Overtredingen"
definitie = "Aantal overtredingen met een overtredingsdatum in het jaar, in totaal en naar geharmoniseerde ernst (licht, middelzwaar, zwaar, onbekend)."
eenheid = "aantal"
soort = "aantal"
paragraaf = "Overtredingen en hun ernst"
hoofdstuk = "handhaving"
dimensies = { ernst = "ernst" }
dekking = true
--- */
SELECT i.niveau, i.eenheid,
       CAST(NULL AS VARCHAR) AS dimensie, CAST(NULL AS VARCHAR) AS dimensie_waarde,
       COUNT(*) AS waarde
FROM overtredingen o
JOIN indeling i ON i.gebied_nr = o.gebied_nr
WHERE o.overtredingsdatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
GROUP BY i.niveau, i.eenheid
UNION ALL
SELECT i.niveau, i.eenheid, 'ernst' AS dimensie, o.ernst AS dimensie_waarde,
       COUNT(*) AS waarde
FROM overtredingen o
JOIN indeling i ON i.gebied_nr = o.gebied_nr
WHERE o.overtredingsdatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
GROUP BY i.niveau, i.eenheid, o.ernst

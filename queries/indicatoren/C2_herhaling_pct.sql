/* ---
id = "C2"
volgorde = 402
kernbevinding = 10
naam = "herhaling_pct"
titel = "Objecten met overtredingen die het jaar ervoor ook al een overtreding hadden"
definitie = "Aandeel van de objecten met ten minste één overtreding in het jaar in de eenheid dat ook in het jaar ervoor een overtreding had (waar dan ook). Alleen voor een jaar waarvan het vorige jaar in de batch zit; anders geen waarnemingen."
eenheid = "procent"
soort = "aandeel"
paragraaf = "Herhaling en concentratie"
hoofdstuk = "handhaving"
kop = "In {jaar} had {waarde} van de objecten met een overtreding het jaar ervoor ook een overtreding"
dekking = true
--- */
{% if vorig_jaar_in_batch %}
WITH objecten AS (
    SELECT DISTINCT i.niveau, i.eenheid, o.object_nr
    FROM overtredingen o
    JOIN indeling i ON i.gebied_nr = o.gebied_nr
    WHERE o.overtredingsdatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
),
vorig_jaar AS (
    SELECT DISTINCT object_nr, 1 AS eerder
    FROM overtredingen
    WHERE overtredingsdatum BETWEEN DATE('{{ vorig_begin }}') AND DATE('{{ vorig_eind }}')
)
SELECT b.niveau, b.eenheid,
       SUM(COALESCE(v.eerder, 0)) AS teller,
       COUNT(*) AS noemer
FROM objecten b
LEFT JOIN vorig_jaar v ON v.object_nr = b.object_nr
GROUP BY b.niveau, b.eenheid
{% else %}
-- The previous year is not in the batch: no rows, so every eenheid gets
-- status geen_waarnemingen.
SELECT niveau, eenheid, CAST(0 AS BIGINT) AS teller, CAST(0 AS BIGINT) AS noemer
FROM indeling
WHERE niveau = 'geen'
{% endif %}

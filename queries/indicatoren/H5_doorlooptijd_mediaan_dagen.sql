/* ---
id = "H5"
volgorde = 205
naam = "doorlooptijd_mediaan_dagen"
titel = "Doorlooptijd tot de eerste maatregel"
definitie = "Mediaan van het aantal dagen tussen de overtredingsdatum en de vroegste datum_opleggen, over de overtredingen in het jaar met ten minste één maatregel (tot de peildatum). Bij een even aantal het gemiddelde van de twee middelste waarden. De noemer is het aantal waarnemingen."
eenheid = "dagen"
soort = "mediaan"
paragraaf = "Opvolging"
hoofdstuk = "handhaving"
dekking = true
--- */
WITH eerste AS (
    SELECT overtreding_nr, MIN(datum_opleggen) AS eerste_opleggen
    FROM handhavingsmaatregelen
    WHERE datum_opleggen <= DATE('{{ peildatum }}')
    GROUP BY overtreding_nr
),
doorloop AS (
    SELECT o.gebied_nr,
           CAST(e.eerste_opleggen AS INTEGER) - CAST(o.overtredingsdatum AS INTEGER) AS dagen
    FROM overtredingen o
    JOIN eerste e ON e.overtreding_nr = o.overtreding_nr
    WHERE o.overtredingsdatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
)
SELECT i.niveau, i.eenheid,
       MEDIAN(d.dagen) AS waarde,
       COUNT(*) AS noemer
FROM doorloop d
JOIN indeling i ON i.gebied_nr = d.gebied_nr
GROUP BY i.niveau, i.eenheid

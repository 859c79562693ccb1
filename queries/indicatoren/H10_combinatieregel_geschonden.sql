/* ---
id = "H10"
volgorde = 210
kernbevinding = 8
naam = "combinatieregel_geschonden"
titel = "Overtredingen die een combinatieregel schenden"
definitie = "Aantal overtredingen in het jaar (H1) met een last onder dwangsom en een last onder bestuursdwang waarvan de looptijden [datum_opleggen, datum_afronding of nog lopend] overlappen, of met een bestuurlijke boete samen met een strafrechtelijke maatregel."
eenheid = "aantal"
soort = "aantal"
paragraaf = "Handhavingsinstrumenten"
hoofdstuk = "handhaving"
dekking = true
--- */
WITH m AS (
    SELECT overtreding_nr, handhavingsinstrument, categorie, datum_opleggen,
           COALESCE(datum_afronding, DATE('9999-12-31')) AS einde
    FROM handhavingsmaatregelen
    WHERE datum_opleggen <= DATE('{{ peildatum }}')
),
lasten_overlap AS (
    SELECT d.overtreding_nr
    FROM m d
    JOIN m b ON b.overtreding_nr = d.overtreding_nr
    WHERE d.handhavingsinstrument = 'last_onder_dwangsom'
      AND b.handhavingsinstrument = 'last_onder_bestuursdwang'
      AND d.datum_opleggen <= b.einde
      AND b.datum_opleggen <= d.einde
),
boete_en_straf AS (
    SELECT bo.overtreding_nr
    FROM m bo
    JOIN m s ON s.overtreding_nr = bo.overtreding_nr
    WHERE bo.handhavingsinstrument = 'bestuurlijke_boete'
      AND s.categorie = 'strafrechtelijk'
),
geschonden AS (
    SELECT DISTINCT overtreding_nr, 1 AS geschonden
    FROM (
        SELECT overtreding_nr FROM lasten_overlap
        UNION ALL
        SELECT overtreding_nr FROM boete_en_straf
    ) AS x
)
SELECT i.niveau, i.eenheid,
       SUM(COALESCE(g.geschonden, 0)) AS waarde
FROM overtredingen o
JOIN indeling i ON i.gebied_nr = o.gebied_nr
LEFT JOIN geschonden g ON g.overtreding_nr = o.overtreding_nr
WHERE o.overtredingsdatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
GROUP BY i.niveau, i.eenheid

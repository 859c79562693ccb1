/* ---
id = "R1"
volgorde = 501
naam = "omvang"
titel = "Omvang: werkprogramma en eigen personeel"
definitie = "vth_uren_werkprogramma ten minste de drempel vth_uren, en fte_eigen_dienst / fte_totaal ten minste de drempel aandeel_eigen_dienst. Onbekend als een gegeven ontbreekt (of fte_totaal 0 is); nee als één van beide nee is."
dataset = "robuustheid"
herkomst = "Robuustheidscriteria omgevingsdiensten (juni 2023), criterium 1"
drempels = ["vth_uren", "aandeel_eigen_dienst"]
[onderdelen]
vth_uren_werkprogramma = "VTH-uren in het regionale werkprogramma"
aandeel_eigen_dienst = "aandeel fte in eigen dienst"
--- */
{% import "organisatie.sql" as o %}
WITH {{ o.per_dienst(jaar) }},
delen AS (
    SELECT {{ o.drempel(jaar, "vth_uren_werkprogramma", ">=", drempel.vth_uren, "uren",
                        "'vth_uren_werkprogramma ontbreekt in organisatie.csv'",
                        "'vth_uren_werkprogramma'", 1) }}
    FROM per_dienst
    WHERE geleverd
    UNION ALL
    SELECT {{ o.drempel(jaar, "CASE WHEN fte_totaal > 0 THEN fte_eigen_dienst / fte_totaal END", ">=",
                        drempel.aandeel_eigen_dienst, "aandeel",
                        "CASE WHEN fte_eigen_dienst IS NULL AND fte_totaal IS NULL THEN 'fte_eigen_dienst en fte_totaal ontbreekt in organisatie.csv' WHEN fte_eigen_dienst IS NULL THEN 'fte_eigen_dienst ontbreekt in organisatie.csv' WHEN fte_totaal IS NULL THEN 'fte_totaal ontbreekt in organisatie.csv' ELSE 'fte_totaal is 0: het aandeel is niet te bepalen' END",
                        "'aandeel_eigen_dienst'", 2) }}
    FROM per_dienst
    WHERE geleverd
)
{{ o.criterium(jaar) }}
UNION ALL
SELECT * FROM delen

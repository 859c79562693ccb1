{#- Macros of the strafrechtketen (spec/strafrechtketen.md), shared by K1–K5.
    Import in a query: {% import "strafrechtketen.sql" as keten %}. -#}

{#- The CTEs `pv` (PVs of the year) and `zaak` (each PV's case). -#}
{% macro pv_en_zaak(begin, eind, peildatum) -%}
-- PVs of the year: proces-verbaal measures on H1 overtredingen, imposed by the
-- peildatum, placed at the gemeente of the overtreding's controle.
pv AS (
    SELECT m.partij, m.maatregel_id, m.datum_opleggen, o.gebied_nr, o.overtreding_nr
    FROM handhavingsmaatregelen m
    JOIN overtredingen o ON o.overtreding_nr = m.overtreding_nr
    WHERE m.handhavingsinstrument = 'proces_verbaal'
      AND m.datum_opleggen <= DATE('{{ peildatum }}')
      AND o.overtredingsdatum BETWEEN DATE('{{ begin }}') AND DATE('{{ eind }}')
),
-- A PV's case: of its gekoppelde strafzaken that entered the OM by the peildatum,
-- the earliest (ties: lowest parketnummer). Found by two minima instead of a
-- ROW_NUMBER window (polars sorts every partition of a window on its own: most of
-- K1–K5's time); parketnummer is unique among accepted strafzaken, so each PV
-- keeps one case.
gekoppeld AS (
    SELECT partij_verbalisant AS partij, maatregel_id, parketnummer, datum_instroom,
           afdoening, categorie_afdoening, datum_afdoening, uitspraak, datum_uitspraak
    FROM strafzaken
    WHERE koppeling = 'gekoppeld' AND datum_instroom <= DATE('{{ peildatum }}')
),
eerste_instroom AS (
    SELECT partij, maatregel_id, MIN(datum_instroom) AS datum_instroom
    FROM gekoppeld
    GROUP BY partij, maatregel_id
),
eerste_zaak AS (
    SELECT g.partij, g.maatregel_id, MIN(g.parketnummer) AS parketnummer
    FROM gekoppeld g
    JOIN eerste_instroom e
      ON e.partij = g.partij AND e.maatregel_id = g.maatregel_id
     AND e.datum_instroom = g.datum_instroom
    GROUP BY g.partij, g.maatregel_id
),
zaak AS (
    SELECT g.partij, g.maatregel_id, g.datum_instroom, g.afdoening,
           g.categorie_afdoening, g.datum_afdoening, g.uitspraak, g.datum_uitspraak
    FROM gekoppeld g
    SEMI JOIN eerste_zaak e ON e.parketnummer = g.parketnummer
)
{%- endmacro %}

{#- Without the OM's delivery of the year: no rows, so every eenheid gets status
    geen_waarnemingen. -#}
{% macro zonder_om() -%}
SELECT niveau, eenheid, CAST(0 AS BIGINT) AS teller, CAST(0 AS BIGINT) AS noemer
FROM indeling
WHERE niveau = 'geen'
{%- endmacro %}

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
-- the earliest (ties: lowest parketnummer).
zaak AS (
    SELECT partij, maatregel_id, datum_instroom, afdoening, categorie_afdoening,
           datum_afdoening, uitspraak, datum_uitspraak
    FROM (
        SELECT partij_verbalisant AS partij, maatregel_id, datum_instroom, afdoening,
               categorie_afdoening, datum_afdoening, uitspraak, datum_uitspraak,
               ROW_NUMBER() OVER (PARTITION BY partij_verbalisant, maatregel_id
                                  ORDER BY datum_instroom, parketnummer) AS volgorde
        FROM strafzaken
        WHERE koppeling = 'gekoppeld' AND datum_instroom <= DATE('{{ peildatum }}')
    )
    WHERE volgorde = 1
)
{%- endmacro %}

{#- Without the OM's delivery of the year: no rows, so every eenheid gets status
    geen_waarnemingen. -#}
{% macro zonder_om() -%}
SELECT niveau, eenheid, CAST(0 AS BIGINT) AS teller, CAST(0 AS BIGINT) AS noemer
FROM indeling
WHERE niveau = 'geen'
{%- endmacro %}

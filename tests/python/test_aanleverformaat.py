"""The exchange format as a party's supplier meets it: the descriptor of
`vth schema` in frictionless, against the samples' canonical deliveries (which it
must pass, foreign keys to earlier years aside, apart from exactly the rows the
batch sets aside for a reason a Table Schema can express) and against hand-made
violations of the contract, each of which it must flag."""

import csv
import io
import json
import os
import shutil
from pathlib import Path

import frictionless
import pyarrow.parquet as pq
import pytest

# The contract's reasons for quarantine that a Table Schema expresses: type, list,
# required, date range, and keys within one folder.
UITGEDRUKT = {
    "verplicht_leeg", "code_onbekend", "datum_ongeldig", "ja_nee_ongeldig", "getal_ongeldig",
    "gemeente_onbekend", "bevoegd_gezag_onbekend", "controledatum_buiten_jaar",
    "datum_na_peildatum", "instroom_na_jaar", "jaar_organisatie", "dubbel_id",
    "aantal_velden", "waarde_te_lang",
}


@pytest.fixture(scope="session")
def schema() -> Path:
    p = os.environ.get("VTH_SCHEMA")
    if not p:
        pytest.skip("VTH_SCHEMA is not set: run through `cargo test --release`")
    return Path(p)


@pytest.fixture(scope="session")
def samples() -> Path:
    return Path(os.environ["VTH_SAMPLES"])


def descriptor(schema: Path, jaar: int) -> dict:
    return json.loads((schema / str(jaar) / "datapackage.json").read_text(encoding="utf-8"))


def canoniek(pad: Path, velden: list) -> bool:
    """A file as the exchange format writes it: UTF-8, commas, the format's header."""
    try:
        tekst = pad.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return False
    kop = tekst.split("\n", 1)[0].strip().split(",")
    return kop == velden


def valideer(d: dict, map_: Path, tabellen: list, tmp: Path):
    """frictionless over the tables of one folder; the errors per table."""
    werk = tmp / map_.name
    werk.mkdir(parents=True, exist_ok=True)
    aanwezig = [r for r in d["resources"] if (map_ / r["path"]).exists()]
    for r in aanwezig:
        shutil.copy(map_ / r["path"], werk / r["path"])
    pkg = dict(d, resources=aanwezig)
    (werk / "datapackage.json").write_text(json.dumps(pkg), encoding="utf-8")
    uit = {}
    for r in aanwezig:
        if r["name"] not in tabellen:
            continue
        rapport = frictionless.Package(str(werk / "datapackage.json")).get_resource(r["name"]).validate()
        uit[r["name"]] = [e for t in rapport.tasks for e in t.errors]
    return uit


def ids_eerder(samples: Path, jaar: int, partij: str, tabel: str, kolom: str) -> set:
    ids = set()
    for j in samples.iterdir():
        if j.is_dir() and j.name.isdigit() and int(j.name) < jaar and (j / partij / f"{tabel}.csv").exists():
            with open(j / partij / f"{tabel}.csv", encoding="utf-8") as f:
                ids |= {r[kolom] for r in csv.DictReader(f)}
    return ids


def test_canonical_sample_deliveries_pass_apart_from_what_the_batch_sets_aside(schema, samples, out, tmp_path):
    q = pq.read_table(out / "restricted" / "quarantaine.parquet").to_pylist()
    apart = {}
    for r in q:
        apart.setdefault(r["bestand"], {})[r["regel"]] = r["reden"]
    gecontroleerd = 0
    for jaar_map in sorted(p for p in samples.iterdir() if p.is_dir()):
        jaar = int(jaar_map.name)
        d = descriptor(schema, jaar)
        for partij_map in sorted(p for p in jaar_map.iterdir() if p.is_dir()):
            tabellen = [
                r["name"] for r in d["resources"]
                if (partij_map / r["path"]).exists()
                and canoniek(partij_map / r["path"], [f["name"] for f in r["schema"]["fields"]])
            ]
            if not tabellen:
                continue
            fouten = valideer(d, partij_map, tabellen, tmp_path / str(jaar))
            for tabel, errors in fouten.items():
                bestand = f"{jaar}/{partij_map.name}/{tabel}.csv"
                gemarkeerd = set()
                sleutel = False
                for e in errors:
                    sleutel |= e.type == "primary-key"
                    if e.type == "foreign-key":
                        # A reference to a controle or overtreding of an earlier year:
                        # only the batch, with the party's earlier deliveries, can tell.
                        eerder = ids_eerder(samples, jaar, partij_map.name, e.reference_name, e.reference_field_names[0])
                        if e.field_cells[0] in eerder:
                            continue
                    gemarkeerd.add(e.row_number)
                redenen = apart.get(bestand, {})
                # An id twice with different content: the batch sets both rows aside,
                # a primary key flags the second.
                verwacht = {regel for regel, reden in redenen.items() if reden in UITGEDRUKT - {"dubbel_id"}}
                # What frictionless flags, the batch sets aside; what the batch sets
                # aside for a reason a Table Schema expresses, frictionless flags.
                assert gemarkeerd <= set(redenen), (bestand, gemarkeerd, redenen)
                assert verwacht <= gemarkeerd, (bestand, verwacht, gemarkeerd)
                assert sleutel == ("dubbel_id" in redenen.values()), (bestand, redenen)
                gecontroleerd += 1
    # odh, omwb, rud-zeeland, ILT, PV27, GM0363, OM and IenW deliver canonical CSV.
    assert gecontroleerd >= 30


SCHOON = {
    "controles": "controle_id,object_id,bevoegd_gezag,gemeente_code,controledatum,controletype,taak,brzo,resultaat\n"
                 "C1,OBJ1,GM0344,GM0344,2025-03-14,handhavingscontrole,basistaak,false,overtreden\n",
    "overtredingen": "overtreding_id,controle_id,overtredingsdatum,handhavingsstrategie,gevolg,gedrag,ernst,indicatie_handhaving,reden_geen_handhaving,hersteldatum\n"
                     "O1,C1,2025-03-14,LHSO,2,B,middelzwaar,true,,2025-05-02\n",
    "handhavingsmaatregelen": "maatregel_id,overtreding_id,handhavingsinstrument,datum_opleggen,datum_afronding,status,bedrag_eur\n"
                              "M1,O1,last_onder_dwangsom,2025-04-01,,in_uitvoering,2500.00\n",
    "organisatie": "jaar,vth_uren_werkprogramma,fte_totaal,fte_eigen_dienst,voldoet_kc_basistaken,voldoet_kc_plustaken,innovatieagenda,innovatiebudget_eur,begroting_eur,weerstandsvermogen_eur,benodigd_weerstandsvermogen_eur,informatiegestuurd,werkgebied_coherent,gemeenten_basistaken_volledig,modelmandaat_vastgesteld,laatste_visitatie\n"
                   "2025,182000,210.5,168.0,true,false,ja,350000,24500000,1200000,1000000,true,true,21,nee,2023-11-20\n",
    "strafzaken": "parketnummer,partij_verbalisant,maatregel_id,datum_instroom,afdoening,datum_afdoening,uitspraak,datum_uitspraak,bedrag_eur\n"
                  "13/1-25,odh,M1,2025-06-10,dagvaarding,2025-09-01,veroordeling,2026-01-15,4500\n",
}

# (table, column, value, frictionless error type): each breaks a rule of the contract.
OVERTREDINGEN = [
    ("controles", "controle_id", "", "constraint-error"),                     # verplicht_leeg
    ("controles", "gemeente_code", "GM9999", "constraint-error"),              # gemeente_onbekend
    ("controles", "bevoegd_gezag", "XX01", "constraint-error"),                # bevoegd_gezag_onbekend
    ("controles", "controledatum", "2024-12-31", "constraint-error"),          # controledatum_buiten_jaar
    ("controles", "controledatum", "14-03-2025x", "type-error"),               # datum_ongeldig
    ("controles", "controletype", "steekproef", "constraint-error"),           # code_onbekend
    ("controles", "brzo", "misschien", "type-error"),                          # ja_nee_ongeldig
    ("overtredingen", "overtredingsdatum", "2026-04-01", "constraint-error"),  # datum_na_peildatum
    ("overtredingen", "ernst", "heel_zwaar", "constraint-error"),              # code_onbekend
    ("overtredingen", "controle_id", "C-bestaat-niet", "foreign-key"),         # wees (within the folder)
    ("handhavingsmaatregelen", "bedrag_eur", "twee", "type-error"),            # getal_ongeldig
    ("handhavingsmaatregelen", "handhavingsinstrument", "Vooraankondiging", "constraint-error"),
    ("organisatie", "jaar", "2024", "constraint-error"),                       # jaar_organisatie
    ("organisatie", "fte_totaal", "veel", "type-error"),                       # getal_ongeldig
    ("strafzaken", "datum_instroom", "2026-01-02", "constraint-error"),        # instroom_na_jaar
    ("strafzaken", "partij_verbalisant", "politie", "constraint-error"),       # code_onbekend
    ("strafzaken", "afdoening", "boete", "constraint-error"),                  # code_onbekend
    ("controles", "object_id", "x" * 4001, "constraint-error"),                # waarde_te_lang
]


def schrijf(map_: Path, tabel: str, kolom: str = None, waarde: str = None):
    tekst = SCHOON[tabel]
    if kolom is not None:
        rijen = list(csv.DictReader(io.StringIO(tekst)))
        rijen[0][kolom] = waarde
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(rijen[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rijen)
        tekst = buf.getvalue()
    (map_ / f"{tabel}.csv").write_text(tekst, encoding="utf-8")


def schone_map(tmp_path: Path) -> Path:
    """A delivery folder of every clean table."""
    map_ = tmp_path / "odh"
    map_.mkdir()
    for t in SCHOON:
        schrijf(map_, t)
    return map_


def test_a_clean_delivery_passes(schema, tmp_path):
    d = descriptor(schema, 2025)
    map_ = schone_map(tmp_path)
    fouten = valideer(d, map_, list(SCHOON), tmp_path / "werk")
    assert {t: [e.message for e in f] for t, f in fouten.items()} == {t: [] for t in SCHOON}


@pytest.mark.parametrize("tabel,kolom,waarde,soort", OVERTREDINGEN)
def test_each_violation_a_schema_can_express_is_flagged(schema, tmp_path, tabel, kolom, waarde, soort):
    d = descriptor(schema, 2025)
    map_ = schone_map(tmp_path)
    schrijf(map_, tabel, kolom, waarde)
    fouten = valideer(d, map_, [tabel], tmp_path / "werk")[tabel]
    # An empty key column also breaks the primary key.
    assert {e.row_number for e in fouten} == {2}, [e.message for e in fouten]
    assert soort in {e.type for e in fouten}, [e.message for e in fouten]


def test_duplicate_ids_and_a_wrong_number_of_fields_are_flagged(schema, tmp_path):
    d = descriptor(schema, 2025)
    map_ = schone_map(tmp_path)
    regels = SCHOON["controles"].splitlines()
    (map_ / "controles.csv").write_text("\n".join([*regels, regels[1], regels[1] + ",extra"]) + "\n", encoding="utf-8")
    fouten = valideer(d, map_, ["controles"], tmp_path / "werk")["controles"]
    assert sorted((e.type, e.row_number) for e in fouten) == [("extra-cell", 4), ("primary-key", 3), ("primary-key", 4)]


def test_the_report_carries_the_descriptor_of_its_last_year(schema, out):
    assert (out / "rapport" / "aanleverformaat.json").read_bytes() == (schema / "2025" / "datapackage.json").read_bytes()

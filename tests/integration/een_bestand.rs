//! One large file (issue 32): read in pieces on every core, checked in stretches
//! side by side, its ids counted in partitions; every row keeps its line, and the
//! outcome is the one a single pass gives, worked out here by hand.

use crate::contract::Levering;
use crate::helpers::*;
use vth::model::Kolom;

/// Rows of the file besides C1: enough for several pieces (over 16 MiB) and
/// several stretches of the contract (over 2 × 2^18 rows) and for D5's partitions.
const N: usize = 600_000;

/// Row `k`'s line: the header is line 1, C1 line 2, and every row whose object_id
/// holds a line break takes two.
fn regel(k: usize) -> u64 {
    let twee_regels = (0..k).filter(|j| meerregelig(*j)).count();
    (3 + k + twee_regels) as u64
}

fn meerregelig(k: usize) -> bool {
    k % 50_000 == 7
}

fn onbekend_type(k: usize) -> bool {
    k % 100_000 == 99_999
}

#[test]
fn a_large_file_keeps_every_line_and_every_finding() {
    let mut tekst = format!("{C_KOP}{}", crate::contract::C1);
    for k in 0..N {
        let object = if meerregelig(k) {
            format!("\"OBJ\n{k}\"")
        } else {
            format!("OBJ{k}")
        };
        let soort = if onbekend_type(k) {
            "bestaat_niet"
        } else {
            "periodieke_controle"
        };
        tekst.push_str(&format!(
            "X{k},{object},GM0518,GM0518,2024-05-01,{soort},basistaak,false,nageleefd\r\n"
        ));
    }
    // The last row repeats the id of row 5 with another object: D5 counts both.
    tekst.push_str(
        "X5,OBJ-ANDERS,GM0518,GM0518,2024-05-01,periodieke_controle,basistaak,false,nageleefd\n",
    );
    assert!(
        tekst.len() > 16 << 20,
        "{} bytes: one piece only",
        tekst.len()
    );
    let dir = Levering::new().controles(tekst.into_bytes()).write();
    let c = compute(dir.path());

    let r = c
        .uitkomst
        .reconciliatie
        .iter()
        .find(|r| r.bestand.ends_with("controles.csv"))
        .expect("controles.csv reconciled");
    assert_eq!(r.gelezen, (N + 2) as u64);

    let onbekend: Vec<u64> = c
        .uitkomst
        .quarantaine
        .iter()
        .filter(|q| q.reden == "code_onbekend")
        .map(|q| q.regel)
        .collect();
    let verwacht: Vec<u64> = (0..N).filter(|k| onbekend_type(*k)).map(regel).collect();
    assert_eq!(onbekend, verwacht);
    // By hand: row 99,999 follows two rows of two lines (7 and 50,007).
    assert_eq!(verwacht[0], 100_004);
    assert!(c
        .uitkomst
        .quarantaine
        .iter()
        .filter(|q| q.reden == "code_onbekend")
        .all(
            |q| q.waarde.as_deref() == Some("bestaat_niet") && q.ruwe_rij.contains("bestaat_niet")
        ));

    // The two rows of X5: the first at line 8, the repeat on the file's last line
    // (600,015: three lines before the rows, twelve rows of two lines).
    let dubbel: Vec<u64> = c
        .uitkomst
        .quarantaine
        .iter()
        .filter(|q| q.waarde.as_deref() == Some("X5"))
        .map(|q| q.regel)
        .collect();
    assert_eq!(c.uitkomst.duplicaten.values().sum::<u64>(), 2);
    assert_eq!(regel(5), 8);
    // A repeat with other content: neither row is the controle, both go aside.
    assert_eq!(dubbel, [regel(5), regel(N)]);
    assert!(c
        .uitkomst
        .quarantaine
        .iter()
        .filter(|q| q.waarde.as_deref() == Some("X5"))
        .all(|q| q.reden == "dubbel_id"));

    // Every other row became a controle, each with its line.
    let controles = &c.uitkomst.records.controles;
    let geaccepteerd = r.geaccepteerd as usize;
    assert_eq!(controles.len(), geaccepteerd);
    assert_eq!(c.uitkomst.quarantaine.len(), 6 + 2);
    assert_eq!(geaccepteerd, N + 2 - 8);
    let x7 = (0..controles.len())
        .find(|&i| controles.controle_id.waarde(i) == "X7")
        .expect("X7 accepted");
    assert_eq!(controles.object_id.waarde(x7), "OBJ\n7");
    assert_eq!(controles.bron[x7].regel, regel(7));
    let laatste = (0..controles.len())
        .find(|&i| controles.controle_id.waarde(i) == "X599998")
        .expect("X599998 accepted");
    assert_eq!(controles.bron[laatste].regel, regel(599_998));
}

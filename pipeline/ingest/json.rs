//! JSON deliveries: one array of records per table. Keys become the header (in order
//! of first appearance), and each record keeps the line its object starts on, so
//! lineage points into the file as it does for CSV.

use serde_json::Value;

use super::table::{RawTable, Rijen, TableError};

/// The line each element of the top-level array starts on.
fn element_lines(text: &str) -> Vec<u64> {
    let (mut line, mut depth, mut in_str, mut esc) = (1u64, 0usize, false, false);
    // At depth 1, after `[` or `,`: the next non-blank character starts an element.
    let mut verwacht = false;
    let mut out = Vec::new();
    for ch in text.chars() {
        if ch == '\n' {
            line += 1;
        }
        if in_str {
            if esc {
                esc = false;
            } else if ch == '\\' {
                esc = true;
            } else if ch == '"' {
                in_str = false;
            }
            continue;
        }
        if depth == 1 && verwacht && !ch.is_whitespace() && ch != ']' {
            out.push(line);
            verwacht = false;
        }
        match ch {
            '"' => in_str = true,
            '[' | '{' => {
                depth += 1;
                if depth == 1 {
                    verwacht = true;
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 1 => verwacht = true,
            _ => {}
        }
    }
    out
}

fn tekst(v: &Value) -> std::borrow::Cow<'_, str> {
    match v {
        Value::Null => "".into(),
        Value::String(s) => s.as_str().into(),
        Value::Bool(b) => b.to_string().into(),
        Value::Number(n) => n.to_string().into(),
        other => other.to_string().into(),
    }
}

/// A record with its keys in order, duplicates included (a map would keep one of
/// two equal keys and drop the other in silence).
struct Paren(Vec<(String, Value)>);

impl<'de> serde::Deserialize<'de> for Paren {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Paren;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Paren, A::Error> {
                let mut v = Vec::new();
                while let Some(e) = a.next_entry::<String, Value>()? {
                    v.push(e);
                }
                Ok(Paren(v))
            }
        }
        d.deserialize_map(V)
    }
}

#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Element {
    Record(Paren),
    Anders(Value),
}

pub fn parse(text: &str) -> Result<RawTable, TableError> {
    let items: Vec<Element> = serde_json::from_str(text).map_err(|e| TableError {
        line: e.line() as u64,
        message: match serde_json::from_str::<Value>(text) {
            Ok(_) => "expected a JSON array of records (one object per row)".into(),
            Err(_) => format!("no valid JSON: {e}"),
        },
    })?;
    let lines = element_lines(text);
    let (header, plaats) = kolommen(&items, &lines)?;
    let mut rows = Rijen::met_kop(header.len());
    for (i, item) in items.iter().enumerate() {
        let line = lines.get(i).copied().unwrap_or(0);
        match item {
            Element::Record(Paren(m)) => rij(&mut rows, line, m, &plaats, header.len())?,
            // Not a record: kept as one field, so it is counted and set aside.
            Element::Anders(other) => rows.push(line, [other.to_string().as_str()])?,
        }
    }
    Ok(RawTable {
        header,
        rows,
        delimiter: b',',
    })
}

fn norm(k: &str) -> String {
    k.trim().to_lowercase()
}

/// The header (every distinct key, normalised, in order of first appearance) and
/// each key as written → its column; an error names a record that holds a key
/// twice.
fn kolommen<'i>(
    items: &'i [Element],
    lines: &[u64],
) -> Result<(Vec<String>, foldhash::HashMap<&'i str, usize>), TableError> {
    // Every record repeats the same keys: each distinct key is normalised once.
    let mut header: Vec<String> = Vec::new();
    let mut plaats: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
    let mut kolom_van: foldhash::HashMap<String, usize> = foldhash::HashMap::default();
    // Per column, the record (counted from 1) and the place in it of the key that
    // last filled it: a repeated key found without comparing every pair of keys.
    let mut gevuld_door: Vec<(usize, usize)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Element::Record(Paren(m)) = item else {
            continue;
        };
        for (plek, (k, _)) in m.iter().enumerate() {
            let h = match plaats.get(k.as_str()) {
                Some(&h) => h,
                None => {
                    let n = norm(k);
                    let h = *kolom_van.entry(n.clone()).or_insert_with(|| {
                        header.push(n);
                        gevuld_door.push((0, 0));
                        header.len() - 1
                    });
                    plaats.insert(k.as_str(), h);
                    h
                }
            };
            let (record, e) = gevuld_door[h];
            if record == i + 1 {
                let eerder = &m[e].0;
                return Err(TableError {
                    line: lines.get(i).copied().unwrap_or(0),
                    message: format!(
                        "de sleutel `{}` staat twee keer in het record (als `{}` en `{}`); welke de waarde draagt is niet te zeggen: lever hem één keer aan",
                        crate::display::afgekort(&norm(k), 200),
                        crate::display::afgekort(eerder, 200),
                        crate::display::afgekort(k, 200)
                    ),
                });
            }
            gevuld_door[h] = (i + 1, plek);
        }
    }
    Ok((header, plaats))
}

/// A record as a row of the header's `breedte`: each key (once per record,
/// checked by [`kolommen`]) its value in its column. A record that lacks keys
/// gives only its own values, the other fields empty.
fn rij(
    rows: &mut Rijen,
    line: u64,
    m: &[(String, Value)],
    plaats: &foldhash::HashMap<&str, usize>,
    breedte: usize,
) -> Result<(), TableError> {
    let mut velden: Vec<(usize, std::borrow::Cow<str>)> = m
        .iter()
        .filter_map(|(k, v)| plaats.get(k.as_str()).map(|&h| (h, tekst(v))))
        .collect();
    velden.sort_unstable_by_key(|(h, _)| *h);
    if velden.len() == breedte {
        return rows.push(line, velden.iter().map(|(_, v)| v.as_ref()));
    }
    rows.push_ijl(line, breedte, velden.iter().map(|(h, v)| (*h, v.as_ref())))
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn records_keep_their_line_and_all_keys() {
        let t = parse("[\n  {\"Controle_ID\": \"C1\", \"brzo\": true},\n  {\"controle_id\": \"C2\", \"bedrag\": 12.5, \"x\": null}\n]\n")
            .expect("valid");
        assert_eq!(t.header, vec!["controle_id", "brzo", "bedrag", "x"]);
        let velden = |k: usize| t.rows.rij(k).fields().collect::<Vec<_>>();
        assert_eq!(t.rows.rij(0).line, 2);
        assert_eq!(velden(0), vec!["C1", "true", "", ""]);
        assert_eq!(t.rows.rij(1).line, 3);
        assert_eq!(velden(1), vec!["C2", "", "12.5", ""]);
        let e = parse("[{\"a\": 1},\n{\"a\": }]").expect_err("invalid");
        assert_eq!(e.line, 2);
        assert!(parse("{\"controles\": []}").is_err());
    }

    #[test]
    fn a_key_twice_in_one_record_is_refused() {
        for dubbel in [
            "[{\"a\": 1},\n {\"gemeente_code\": \"GM0344\", \"gemeente_code\": \"GM0363\"}]",
            "[{\"a\": 1},\n {\"gemeente_code\": \"GM0344\", \" Gemeente_Code\": \"GM0363\"}]",
        ] {
            let e = parse(dubbel).expect_err("refused");
            assert_eq!(e.line, 2);
            assert!(
                e.message
                    .contains("de sleutel `gemeente_code` staat twee keer"),
                "{}",
                e.message
            );
        }
    }
}

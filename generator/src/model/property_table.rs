//! Property tables (`Property|Type|Description`, `Relationship|Type|Description`,
//! `Property name|...`, `Name|Type|Description`, `Parameter|Type|Description`) → raw
//! properties with their type cells resolved.

use super::index::{Index, Resolution};
use super::links::Links;
use super::sections::normalize_title;
use super::type_cell;
use crate::diagnostics::{Code, Diagnostics, Loc};
use crate::pages::{Inline, Page, Phrase, Table, TrimFast};

/// A property row before enums are settled.
#[derive(Clone)]
pub struct RawProperty {
    pub name: String,
    pub resolution: Resolution,
    pub collection: bool,
    pub navigation: bool,
    pub nullable: bool,
    pub required: bool,
    pub description: String,
    /// "Inherited from [x]": the row repeats a base type's property.
    pub inherited_from: Option<Inline>,
    pub loc: Loc,
}

/// Column positions of a property table, or `None` when the table is not one.
pub struct Columns {
    name: usize,
    ty: usize,
    desc: Option<usize>,
}

pub fn columns(t: &Table) -> Option<Columns> {
    let h: Vec<String> = t.header.iter().map(|c| normalize_title(&c.text)).collect();
    let ty = h.iter().position(|c| c == "type" || c == "data type" || c == "value type" || c == "return type")?;
    let name = h.iter().position(|c| {
        matches!(c.as_str(), "property" | "properties" | "name" | "property name" | "relationship" | "relationships" | "relationship name" | "parameter" | "parameter name" | "member" | "field")
    })?;
    (name != ty).then(|| Columns { name, ty, desc: h.iter().position(|c| c.contains("description")) })
}

/// Reads every row of a property table.
#[allow(clippy::too_many_arguments)]
pub fn read(page: &Page, namespace: &str, table: &Table, cols: &Columns, navigation: bool, index: &Index, links: &Links, diags: &mut Diagnostics) -> Vec<RawProperty> {
    let mut out: Vec<RawProperty> = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let loc = page.loc(row.line);
        let (Some(name_cell), Some(type_cell)) = (row.cells.get(cols.name), row.cells.get(cols.ty)) else { continue };
        let Some(name) = property_name(&name_cell.text) else {
            // Group rows ("**Calendar**") and empty rows are not properties.
            if !name_cell.text.trim_fast().is_empty() && !type_cell.text.trim_fast().is_empty() {
                diags.push(Code::PropertyNameInvalid, loc, format!("`{}` is not a property name", name_cell.text.trim_fast()));
            }
            continue;
        };
        if out.iter().any(|p| p.name == name) {
            diags.push(Code::PropertyDuplicate, loc, format!("property `{name}` is listed twice"));
            continue;
        }
        let cell = type_cell::parse(type_cell);
        if cell.prose {
            diags.push(Code::TypeCellProse, loc.clone(), format!("type cell `{}` holds prose", type_cell.text));
        }
        let resolution = index.resolve_cell(links, &page.path, namespace, &cell);
        let desc_cell = cols.desc.and_then(|i| row.cells.get(i));
        let description = desc_cell.map_or("", |c| c.text.trim_fast()).to_string();
        let lower = description.to_ascii_lowercase();
        let says = |phrase: &Phrase| phrase.is_in(&lower);
        let inherited_from = says(&INHERITED_FROM).then(|| desc_cell.cloned().unwrap_or_default());
        out.push(RawProperty {
            name,
            resolution,
            collection: cell.collection,
            navigation,
            // "not null" covers "not nullable".
            nullable: !(says(&NOT_NULL) || says(&NON_NULLABLE)),
            required: says(&REQUIRED) && !says(&NOT_REQUIRED),
            description,
            inherited_from,
            loc,
        });
    }
    out
}

/// The phrases every row's description is read for (12,600 rows on v1.0, up to five
/// searches each).
static INHERITED_FROM: Phrase = Phrase::new("inherited from");
static NOT_NULL: Phrase = Phrase::new("not null");
static NON_NULLABLE: Phrase = Phrase::new("non-nullable");
static REQUIRED: Phrase = Phrase::new("required");
static NOT_REQUIRED: Phrase = Phrase::new("not required");

/// The JSON name in a name cell: markup stripped, first word, must look like a name.
pub fn property_name(cell: &str) -> Option<String> {
    let t = cell.replace(['*', '`', '\\'], "");
    let first = t.split_whitespace().next()?.trim_end_matches([',', ':', '.']);
    let ok = first.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '@' || c == '_')
        && first.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '@' | '.' | '-' | '$'));
    ok.then(|| first.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(property_name("displayName").as_deref(), Some("displayName"));
        assert_eq!(property_name("**displayName**").as_deref(), Some("displayName"));
        assert_eq!(property_name("`id`").as_deref(), Some("id"));
        assert_eq!(property_name("@odata.type").as_deref(), Some("@odata.type"));
        assert_eq!(property_name("user_name (deprecated)").as_deref(), Some("user_name"));
        assert_eq!(property_name(""), None);
        assert_eq!(property_name("2fa"), None);
        assert_eq!(property_name("Calendar **bold**").as_deref(), Some("Calendar"));
    }

    fn table(header: &[&str]) -> Table {
        Table { header: header.iter().map(|h| Inline::plain(*h)).collect(), rows: Vec::new(), line: 1 }
    }

    #[test]
    fn column_headings() {
        let c = columns(&table(&["Relationship name", "Type", "Description"])).unwrap();
        assert_eq!((c.name, c.ty, c.desc), (0, 1, Some(2)));
        assert!(columns(&table(&["Property name", "Type", "Description"])).is_some());
        assert!(columns(&table(&["Method", "Return Type", "Description"])).is_none());
    }
}

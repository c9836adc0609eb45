//! The catalogue of diagnostic codes. Add a new problem here: a variant, its code string,
//! its severity and one line of help. Codes are stable names, grouped by prefix.

use super::Severity;

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = ($code:literal, $sev:ident, $help:literal), )*) => {
        /// A kind of problem. The string form is what users grep for and what the model JSON counts.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $( $(#[$doc])* $variant, )* }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }
            pub fn help(self) -> &'static str {
                match self { $(Code::$variant => $help,)* }
            }
        }
    };
}

codes! {
    // Reading pages.
    PageNotUtf8 = ("page-not-utf8", Error, "the page is not valid UTF-8; invalid bytes were replaced, save it as UTF-8"),
    PageUnreadable = ("page-unreadable", Error, "the page could not be read and was skipped"),
    PageKindMismatch = ("page-kind-mismatch", Warning, "doc_type in the front matter does not match what the page contains"),
    PageKindUnknown = ("page-kind-unknown", Warning, "set doc_type to apiPageType, resourcePageType or enumPageType"),
    FrontMatterMalformed = ("front-matter-malformed", Warning, "front matter must be `key: value` lines between two `---` lines"),
    AnnotationLenient = ("annotation-lenient-json", Warning, "the annotation is not strict JSON (trailing comma, raw newline, comment); it was read leniently"),
    AnnotationInvalid = ("annotation-invalid", Warning, "the annotation could not be read as JSON and was ignored"),
    AnnotationDetached = ("annotation-detached", Warning, "text stands between the annotation and its code fence; put the annotation right before the fence"),
    CodeFenceUnclosed = ("code-fence-unclosed", Warning, "a code fence has no closing fence, so the rest of its section was read as code; close it"),
    TableShape = ("table-shape", Warning, "the table's header and delimiter rows differ in column count; it was read as a table anyway"),
    LinkCaseMismatch = ("link-case-mismatch", Warning, "the link's target exists only with a different letter case; fix the case"),
    LinkUnresolved = ("link-unresolved", Warning, "the link points at a page that does not exist"),
    // Types.
    TypeNameMissing = ("type-name-missing", Warning, "the resource page names no type (no `@odata.type` annotation, no `# x resource type` title)"),
    TypeDuplicate = ("type-duplicate", Warning, "the same type is defined on several pages; their properties were merged"),
    TypeUnresolved = ("type-unresolved", Warning, "the type cell names no known type or enum; the property is typed as free-form JSON"),
    TypeUnion = ("type-union", Warning, "the type cell names several types; the property is typed as free-form JSON"),
    TypeCellProse = ("type-cell-prose", Warning, "the type cell holds prose besides the type; only the type was kept"),
    TypeFromRequestBody = ("type-from-request-body", Warning, "no resource page defines this type; it was built from a request-body table"),
    BodyFromExample = ("body-from-example", Warning, "the page describes no request body but its example sends one; the operation takes a free-form JSON object (raw bytes when the example's content type is not JSON)"),
    CollectionFromMethods = ("collection-from-methods", Warning, "the property table gives a relationship as single, but the page's Methods table lists a method returning a collection of its type through it; it was made a collection"),
    TypeFromJsonRepresentation = ("type-from-json-representation", Warning, "the table gives the property no usable type (or `String` for an enum, or a primitive collection the JSON shows as one value); what the JSON representation shows was used"),
    PropertyDuplicate = ("property-duplicate", Warning, "the property is listed twice; the first row was kept"),
    PropertyNameInvalid = ("property-name-invalid", Warning, "the property name is not a JSON name; the row was skipped"),
    BaseUnresolved = ("base-unresolved", Warning, "the base type names no known type; the type was generated without a base"),
    BaseConflict = ("base-conflict", Warning, "the annotation and the prose name different base types; the annotation wins"),
    InheritanceCycle = ("inheritance-cycle", Error, "the base types form a cycle; the cycle was cut"),
    BaseFromDerivedList = ("base-from-derived-list", Warning, "the page states no base type; the base was taken from the base type's list of derived types"),
    BaseAssumedRoot = ("base-assumed-root", Warning, "the page states no base type for a keyed type; the root entity type was assumed, state it with `baseType` or \"Inherits from\""),
    KeyFromNavigation = ("key-from-navigation", Warning, "a relationship points at this type, so it is an entity, but its annotation has no `keyProperty`; its `id` was taken as the key"),
    // Enums.
    EnumDuplicate = ("enum-duplicate", Warning, "the enum is defined more than once with different members; the members were merged"),
    EnumNameDerived = ("enum-name-derived", Warning, "the docs give this enum no name; the generator derived one from the type and property"),
    EnumMemberNotIdentifier = ("enum-member-not-identifier", Warning, "the member is not an identifier; its wire value is kept and a Rust name derived"),
    EnumEmpty = ("enum-empty", Warning, "the enum section lists no members"),
    EnumProseDisagrees = ("enum-prose-disagrees", Warning, "a property's description lists a value its enum's table lacks; the table was kept, fix one or the other"),
    // Operations.
    PathUnresolvable = ("path-unresolvable", Warning, "the HTTP request block holds no usable path; the operation has no callable path"),
    PathPlaceholderRepeated = ("path-placeholder-repeated", Warning, "the same placeholder name appears twice in one path; the later one was renamed"),
    PathAbsoluteUrl = ("path-absolute-url", Warning, "the path is an absolute URL; host and version were cut"),
    PathWhitespace = ("path-whitespace", Warning, "the path contains whitespace; it was removed"),
    PathArgumentValue = ("path-argument-value", Warning, "a function argument in the path is written as a value, not a `{placeholder}`; it was taken as a parameter"),
    PathLiteralId = ("path-literal-id", Warning, "a path segment is a concrete GUID, not a `{placeholder}`; it was taken as a parameter"),
    PathFunctionArguments = ("path-function-arguments", Warning, "the path names a function without its arguments; they were added from the parameters table"),
    HttpBlockMissing = ("http-block-missing", Warning, "the API page has no HTTP request block; no operation was generated"),
    HttpHeadingMissing = ("http-heading-missing", Warning, "the request lines stand under no \"HTTP request\" heading; they were taken from the code blocks before the examples"),
    MethodUnknown = ("method-unknown", Warning, "the HTTP method is not one of GET, POST, PATCH, PUT, DELETE"),
    PermissionTodo = ("permission-todo", Warning, "the scope is a TODO; it was left out"),
    PermissionKindUnknown = ("permission-kind-unknown", Warning, "the permission row names no known permission type"),
    PermissionPerResource = ("permission-per-resource", Warning, "the permissions differ per resource (one row per resource); the model keeps one list per permission type, so the rows were merged"),
    PermissionsMissing = ("permissions-missing", Warning, "the API page has no permissions table"),
    RequestBodyUnresolved = ("request-body-unresolved", Warning, "the request body names no type the generator could find"),
    ResponseUnrecognized = ("response-unrecognized", Warning, "the response section states no status code the generator could read"),
    ResponseStatusConflict = ("response-status-conflict", Warning, "the response section states one success status and the example response shows another; the stated one was kept"),
    ResponseTypeUnresolved = ("response-type-unresolved", Warning, "the response names a type the generator could not find"),
    ResponseTypeConflict = ("response-type-conflict", Warning, "the response section names a primitive without a link and the example response's annotation names a structured type; the annotated type was used"),
    // Examples.
    ExampleJsonLenient = ("example-json-lenient", Warning, "the example's JSON is not strict (trailing comma, comment, smart quotes); it was read leniently"),
    ExampleJsonInvalid = ("example-json-invalid", Warning, "the example's JSON body could not be parsed"),
    ExampleUrlUnresolvable = ("example-url-unresolvable", Warning, "the example request's URL holds no usable path; fix the URL"),
    ExampleUnannotated = ("example-unannotated", Warning, "the example has no `<!-- { \"blockType\": ... } -->` annotation; it was matched by position"),
    // Output.
    // Naming.
    NameCollision = ("name-collision", Warning, "two names map to the same Rust identifier; the later one was renamed"),
}

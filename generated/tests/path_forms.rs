//! Hand-written (graphgen keeps files it did not write): the path forms docs-input's examples
//! rely on exist and build the URLs those examples send. The example tests only fail on
//! generator faults, so a lost form would otherwise show there as a docs fault and pass.

#![cfg(all(feature = "widgets", feature = "inventory"))]

use graph_sdk::{requests, runtime};

fn url<R>(r: &runtime::Request<R>) -> String {
    r.url(runtime::DEFAULT_BASE_URL).trim_start_matches(runtime::DEFAULT_BASE_URL).to_string()
}

#[test]
fn the_me_form_of_a_user_path_is_its_own_function() {
    use requests::widget_list as op;
    // docs-input lists only the /users form: the /me form comes after the listed ones.
    assert_eq!(op::PATHS.last(), Some(&"/me/ownedWidgets"));
    assert_eq!(url(&op::me_owned_widgets()), "/me/ownedWidgets");
    assert_eq!(url(&op::users_owned_widgets("a@b.com")), "/users/a@b.com/ownedWidgets");
}

#[test]
fn a_function_listed_bare_also_takes_its_arguments() {
    use requests::shelf_getlowstock as op;
    assert_eq!(url(&op::inventory_shelves_get_low_stock("s1")), "/inventory/shelves/s1/getLowStock");
    assert_eq!(url(&op::inventory_shelves_get_low_stock_with_threshold("s1", 5)), "/inventory/shelves/s1/getLowStock(threshold=5)");
    assert_eq!(url(&op::inventory_shelves_sections_get_low_stock("s1", "x", 2)), "/inventory/shelves/s1/sections/x/getLowStock(threshold=2)");
}

#[test]
fn count_cast_and_raw_bodies_go_through_the_runtime() {
    let list = requests::widget_list::catalogs_widgets("c1");
    assert_eq!(url(&list.clone().count_only()), "/catalogs/c1/widgets/$count");
    assert_eq!(url(&list.cast("microsoft.graph.smartWidget")), "/catalogs/c1/widgets/microsoft.graph.smartWidget");
    let order = requests::widget_reorder::widgets_reorder("w1", &Default::default()).bytes_body(b"UE8=".to_vec(), "text/plain");
    let built = order.build(runtime::DEFAULT_BASE_URL).unwrap();
    assert_eq!(built.headers()["content-type"], "text/plain");
    assert_eq!(built.body(), b"UE8=");
}

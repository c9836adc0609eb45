//! `cargo xtask bench-compile --docs DIR [--area NAME]`: how long `cargo check` takes on the
//! generated crate itself (dependencies already built), with all features and with one
//! area, and on `graph-rs-sdk` from crates.io measured beside it in the same run.

use crate::rounds::{fastest, listed};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The anchor: the best-known Rust Graph SDK (no typed models).
const ANCHOR: &str = "graph-rs-sdk";

pub fn run(args: &[String]) -> Result<(), String> {
    let mut docs = None;
    let mut area = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--docs" => docs = it.next().cloned(),
            "--area" => area = it.next().cloned(),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let docs = docs.ok_or("usage: cargo xtask bench-compile --docs DIR [--area NAME]")?;
    // The crates live outside the workspace (cargo would take them for members); their
    // build artifacts stay under target/ so repeated runs reuse the dependencies.
    let work = std::env::temp_dir().join("graphgen-bench-compile");
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let target = super::workspace_root().join("target").join("bench-compile");

    let crate_dir = work.join("graph-bench");
    let mut opts = graphgen::Options::new(&docs);
    opts.out = Some(crate_dir.clone());
    opts.crate_name = "graph-bench".into();
    opts.force = true;
    graphgen::run(&opts).map_err(|e| e.to_string())?;
    let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml")).map_err(|e| e.to_string())?;
    let area = area.unwrap_or_else(|| largest_area(&crate_dir));
    if !manifest.contains(&format!("\n{area} = ")) {
        return Err(format!("no feature `{area}` in the generated crate"));
    }

    let anchor_dir = work.join("anchor");
    write_anchor_crate(&anchor_dir)?;

    eprintln!("building dependencies once (not measured)...");
    cargo(&crate_dir, &target, &["check", "--all-features"])?;
    cargo(&anchor_dir, &target, &["check"])?;

    // Like for like: cargo checks a dependency from crates.io (the anchor) without
    // incremental compilation, and a workspace member with it, which costs a clean check
    // about a quarter more. Both crates are measured without it; the member figure follows.
    // Rounds interleave the three checks, so a slow spell of a shared machine falls on all of
    // them; each figure is its fastest round (the least disturbed), and every round is shown.
    let (mut alls, mut ones, mut anchors) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        alls.push(timed_check(&crate_dir, &target, &["--all-features"], "graph-bench", false)?);
        ones.push(timed_check(&crate_dir, &target, &["--no-default-features", "--features", &area], "graph-bench", false)?);
        anchors.push(timed_check(&anchor_dir, &target, &[], ANCHOR, false)?);
    }
    let member = timed_check(&crate_dir, &target, &["--all-features"], "graph-bench", true)?;
    let (all, one, anchor) = (fastest(&alls), fastest(&ones), fastest(&anchors));
    println!("cargo check, the crate itself (dependencies built), same machine, same run,");
    println!("incremental compilation off as for any dependency; fastest of {ROUNDS} interleaved rounds:");
    println!("  generated, all features    {:>8.1} s   (rounds: {})", all.as_secs_f64(), listed(&alls, 1.0));
    println!("  generated, area `{area}` {:>8.1} s   (rounds: {})", one.as_secs_f64(), listed(&ones, 1.0));
    println!("  {ANCHOR} (anchor)        {:>8.1} s   (rounds: {})", anchor.as_secs_f64(), listed(&anchors, 1.0));
    println!("  (generated, all features, incremental on as a workspace member: {:.1} s)", member.as_secs_f64());
    println!("ratio all/anchor: {:.2} (goal <= 2)", all.as_secs_f64() / anchor.as_secs_f64());
    println!("ratio one area/anchor: {:.2} (goal <= 0.5)", one.as_secs_f64() / anchor.as_secs_f64());
    Ok(())
}

/// How many times each check is timed.
const ROUNDS: usize = 3;

fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Result<(), String> {
    cargo_with(dir, target, args, &[])
}

fn cargo_with(dir: &Path, target: &Path, args: &[&str], env: &[(&str, &str)]) -> Result<(), String> {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .arg("--quiet")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .envs(env.iter().copied())
        .status()
        .map_err(|e| e.to_string())?;
    status.success().then_some(()).ok_or_else(|| format!("cargo {} failed in {}", args.join(" "), dir.display()))
}

/// Cleans one package's check artifacts, then times `cargo check` rebuilding it alone.
fn timed_check(dir: &Path, target: &Path, features: &[&str], package: &str, incremental: bool) -> Result<Duration, String> {
    cargo(dir, target, &["clean", "-p", package])?;
    let mut args = vec!["check"];
    args.extend_from_slice(features);
    let t = Instant::now();
    cargo_with(dir, target, &args, &[("CARGO_INCREMENTAL", if incremental { "1" } else { "0" })])?;
    Ok(t.elapsed())
}

fn write_anchor_crate(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    let manifest = format!("[package]\nname = \"anchor\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n[dependencies]\n{ANCHOR} = \"*\"\n");
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("src/lib.rs"), "pub use graph_rs_sdk as sdk;\n").map_err(|e| e.to_string())
}

/// The heaviest area: the most generated code (its models and requests files together).
fn largest_area(crate_dir: &Path) -> String {
    let mut size: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    for kind in ["models", "requests"] {
        for e in std::fs::read_dir(crate_dir.join("src").join(kind)).into_iter().flatten().filter_map(Result::ok) {
            let name = e.file_name().to_string_lossy().trim_end_matches(".rs").to_string();
            if name != "mod" {
                *size.entry(name).or_default() += e.metadata().map(|m| m.len()).unwrap_or(0);
            }
        }
    }
    size.into_iter().max_by_key(|(_, n)| *n).map(|(a, _)| a).unwrap_or_default()
}

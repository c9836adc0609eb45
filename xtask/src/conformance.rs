//! `cargo xtask conformance --docs DIR --out DIR`: generates the crate for a docs tree, runs
//! its example tests (`--features full,client`: request rebuilt, response decoded, pair
//! replayed against a mock server) and prints counts per check, per failure cause and fault,
//! every failure with its page:line, and last `N passed, M failed` (examples).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

struct Args {
    docs: PathBuf,
    out: PathBuf,
    target: Option<PathBuf>,
    quiet: bool,
    deny_warnings: bool,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let (mut docs, mut out, mut target, mut quiet, mut deny_warnings) = (None, None, None, false, false);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--docs" => docs = it.next().map(PathBuf::from),
            "--out" => out = it.next().map(PathBuf::from),
            "--target-dir" => target = it.next().map(PathBuf::from),
            // Counts only: failures are not listed one by one.
            "--quiet" => quiet = true,
            // The generated crate and its tests must compile without warnings.
            "--deny-warnings" => deny_warnings = true,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let usage = "usage: cargo xtask conformance --docs DIR --out DIR [--target-dir DIR] [--deny-warnings] [--quiet]";
    Ok(Args { docs: docs.ok_or(usage)?, out: out.ok_or(usage)?, target, quiet, deny_warnings })
}

pub fn run(args: &[String]) -> Result<(), String> {
    let args = parse(args)?;
    let root = super::workspace_root();
    let target = args.target.clone().unwrap_or_else(|| root.join("target").join("conformance"));

    let start = Instant::now();
    let mut opts = graphgen::Options::new(&args.docs);
    opts.out = Some(args.out.clone());
    opts.crate_name = "graph-conformance".into();
    opts.command = format!("cargo xtask conformance --docs {}", args.docs.display());
    opts.force = true;
    graphgen::run(&opts).map_err(|e| e.to_string())?;
    eprintln!("generated {} in {:.1} s", args.out.display(), start.elapsed().as_secs_f64());

    let log = args.out.join("conformance.log");
    let _ = std::fs::remove_file(&log);
    let start = Instant::now();
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    if args.deny_warnings {
        cargo.env("RUSTFLAGS", "-D warnings");
    }
    let output = cargo
        .args(["test", "--quiet", "--features", "full,client", "--test", "examples", "--manifest-path"])
        .arg(args.out.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .env("CONFORMANCE_LOG", &log)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    eprintln!("cargo test (build and run) in {:.1} s", start.elapsed().as_secs_f64());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines = std::fs::read_to_string(&log).unwrap_or_default();
    if lines.is_empty() {
        eprint!("{stderr}");
        return Err("the example tests did not run (see the cargo output above)".into());
    }
    let report = Report::read(&lines, &stdout);
    report.print(args.quiet);
    Ok(())
}

#[derive(Default)]
struct Report {
    /// check → result → count.
    checks: BTreeMap<String, BTreeMap<String, usize>>,
    /// (check, cause, fault) → count.
    causes: BTreeMap<(String, String, String), usize>,
    /// (page:line, check, cause, fault, detail), in page order.
    failures: Vec<(String, String, String, String, String)>,
    passed: usize,
    failed: usize,
    /// Failed examples by the worst fault among their checks (generator over docs).
    failed_by_fault: BTreeMap<String, usize>,
}

impl Report {
    /// Reads the check lines; tests that failed without reaching their summary (a panic in
    /// generated code) count as failed examples with the cause `crash`.
    fn read(log: &str, test_output: &str) -> Report {
        let mut r = Report::default();
        let mut finished = BTreeSet::new();
        for line in log.lines() {
            let Some((tags, rest)) = line.strip_prefix("conformance[").and_then(|l| l.split_once("] ")) else { continue };
            let tags: BTreeMap<&str, &str> = tags.split(' ').filter_map(|t| t.split_once('=')).collect();
            // `conformance[example result=R] test_name` closes an example.
            if !tags.contains_key("check") {
                finished.insert(rest.to_string());
                if tags.get("result") == Some(&"pass") {
                    r.passed += 1;
                } else {
                    r.failed += 1;
                    *r.failed_by_fault.entry(tags.get("fault").unwrap_or(&"?").to_string()).or_default() += 1;
                }
                continue;
            }
            let (Some(check), Some(result)) = (tags.get("check"), tags.get("result")) else { continue };
            *r.checks.entry(check.to_string()).or_default().entry(result.to_string()).or_default() += 1;
            if *result == "fail" {
                let cause = tags.get("cause").unwrap_or(&"?").to_string();
                let fault = tags.get("fault").unwrap_or(&"?").to_string();
                *r.causes.entry((check.to_string(), cause.clone(), fault.clone())).or_default() += 1;
                let (at, detail) = rest.split_once(": ").unwrap_or((rest, ""));
                r.failures.push((at.to_string(), check.to_string(), cause, fault, detail.to_string()));
            }
        }
        // libtest: `test name ... FAILED` (or the names listed under `failures:`).
        for line in test_output.lines() {
            let name = line.strip_prefix("test ").and_then(|l| l.strip_suffix(" ... FAILED")).or_else(|| line.strip_prefix("    ").filter(|n| n.contains("_example_") && !n.contains(' ')));
            if let Some(name) = name {
                if name.contains("_example_") && !finished.contains(name) && finished.insert(name.to_string()) {
                    r.failed += 1;
                    *r.failed_by_fault.entry("generator".into()).or_default() += 1;
                    *r.causes.entry(("example".into(), "crash".into(), "generator".into())).or_default() += 1;
                    r.failures.push((name.to_string(), "example".into(), "crash".into(), "generator".into(), "the test panicked before its checks finished".into()));
                }
            }
        }
        r.failures.sort();
        r
    }

    fn print(&self, quiet: bool) {
        println!("checks:");
        for (check, results) in &self.checks {
            let n = |k: &str| results.get(k).copied().unwrap_or(0);
            println!("  {check:<9} {:>6} passed {:>6} failed {:>6} skipped", n("pass"), n("fail"), n("skip"));
        }
        println!("failures by cause:");
        let mut causes: Vec<_> = self.causes.iter().collect();
        causes.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for ((check, cause, fault), n) in causes {
            println!("  {n:>6}  {check:<9} {cause:<28} fault={fault}");
        }
        let by_fault = |f: &str| self.causes.iter().filter(|(k, _)| k.2 == f).map(|(_, n)| n).sum::<usize>();
        println!("failed checks by fault: docs {}, generator {}", by_fault("docs"), by_fault("generator"));
        let n = |f: &str| self.failed_by_fault.get(f).copied().unwrap_or(0);
        let total = self.passed + self.failed;
        println!(
            "failed examples by fault: docs only {}, generator {}; passed {:.1}% of all, {:.1}% of those without a docs fault",
            n("docs"),
            n("generator"),
            100.0 * self.passed as f64 / total.max(1) as f64,
            100.0 * self.passed as f64 / (total - n("docs")).max(1) as f64
        );
        if !quiet {
            println!("failures:");
            for (at, check, cause, fault, detail) in &self.failures {
                println!("  {at}: {check} {cause} (fault: {fault}) {detail}");
            }
        }
        println!("{} passed, {} failed", self.passed, self.failed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_checks_causes_and_crashes() {
        let log = "conformance[check=request result=pass] a.md:1\n\
                   conformance[check=response result=fail cause=response-decode fault=generator] a.md:5: bad\n\
                   conformance[example result=fail fault=generator] op_example_1\n\
                   conformance[check=request result=fail cause=path-unmatched fault=docs] b.md:2: `/x`\n\
                   conformance[example result=fail fault=docs] op_example_2\n\
                   conformance[check=request result=pass] c.md:2\n\
                   conformance[example result=pass] op_example_3\n";
        let out = "test op_example_4 ... FAILED\ntest op_example_1 ... FAILED\n";
        let r = Report::read(log, out);
        assert_eq!((r.passed, r.failed), (1, 3));
        assert_eq!(r.checks["request"]["pass"], 2);
        assert_eq!(r.causes[&("request".to_string(), "path-unmatched".to_string(), "docs".to_string())], 1);
        assert_eq!(r.causes[&("example".to_string(), "crash".to_string(), "generator".to_string())], 1);
        assert_eq!(r.failures.len(), 3);
        assert_eq!((r.failed_by_fault["docs"], r.failed_by_fault["generator"]), (1, 2));
    }
}

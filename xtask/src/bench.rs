//! `cargo xtask bench --docs DIR [--scale N]`: generation time against the parse floor.
//!
//! In one process and one run: the floor (reading every page and parsing it with
//! pulldown-cmark, nothing else, on the same thread pool the generator uses), the whole
//! generation (a first run, then the fastest of five rounds interleaved with the floor's),
//! each phase alone (in the same rounds), peak memory, and the ratio full/floor; beside it,
//! the CPU time both took over all threads, which tells work from how it was spread. `--scale 3`
//! measures a tree made of three copies of DIR.

use crate::rounds::{fastest, listed};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub fn run(args: &[String]) -> Result<(), String> {
    if cfg!(debug_assertions) {
        // Timings of a debug build mean nothing: run the same task from a release build.
        let status = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["run", "--quiet", "--release", "--package", "xtask", "--", "bench"])
            .args(args)
            .status()
            .map_err(|e| e.to_string())?;
        return status.success().then_some(()).ok_or_else(|| "the release bench failed".into());
    }
    let mut docs = None;
    let mut scale = 1usize;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--docs" => docs = it.next().map(PathBuf::from),
            "--scale" => scale = it.next().and_then(|s| s.parse().ok()).ok_or("--scale takes a number")?,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let docs = docs.ok_or("usage: cargo xtask bench --docs DIR [--scale N]")?;
    let scratch = scratch_dir()?;
    let root = if scale > 1 { replicate(&docs, scratch.path(), scale)? } else { docs.clone() };
    let files = markdown_files(&root);
    println!("tree: {} ({} pages, scale {scale}), {} threads", docs.display(), files.len(), rayon::current_num_threads());
    println!("output written under {}", scratch.path().display());

    // Warm the page cache so that no measurement pays for the disk.
    let _ = floor(&files);

    // The whole run as a user gets it, into a fresh directory, first: nothing of the phases
    // below is in memory yet, so the peak is the generation's own.
    let mut opts = graphgen::Options::new(&root);
    opts.out = Some(scratch.path().join("full"));
    let t = Instant::now();
    let outcome = graphgen::run(&opts).map_err(|e| e.to_string())?;
    let first = t.elapsed();
    // Freeing the returned model is the caller's business, after the output is written.
    let t = Instant::now();
    drop(outcome);
    let drop_time = t.elapsed();
    let peak = peak_rss().unwrap_or_else(|| "unknown".into());
    // Every thread of the pool takes a turn here: none is still busy when the rounds start
    // (the run joins all its parallel work before returning; this makes sure of it), and
    // each takes back the blocks freed for it, so that the next round starts as a fresh
    // process does (see `collect_freed`).
    graphgen::allocator::collect_freed();

    // The floor and the full generation, in interleaved rounds so that both see the same
    // machine (a shared one swings by a third between runs); the fastest of each is the
    // figure, as with any benchmark on a machine that is never idle.
    // Each round is timed like the first run: until the output is written and the result
    // returned; freeing the result (the caller's business) follows, outside the timing.
    let (mut floors, mut fulls) = (Vec::new(), Vec::new());
    // CPU time of each round too (all threads): wall time on two cores mixes the work done
    // with how well it was spread over them.
    let (mut floor_cpus, mut full_cpus) = (Vec::new(), Vec::new());
    let mut phase_rounds: Vec<Phases> = Vec::new();
    let mut summary = None;
    for round in 0..ROUNDS {
        let cpu = cpu_time();
        floors.push(floor(&files));
        floor_cpus.push(cpu_since(cpu));
        opts.out = Some(scratch.path().join(format!("full-{round}")));
        let cpu = cpu_time();
        let t = Instant::now();
        let outcome = graphgen::run(&opts).map_err(|e| e.to_string())?;
        fulls.push(t.elapsed());
        // Work left on the pool after the run returned would be the run's too (there is none:
        // the barrier makes sure of it).
        rayon::broadcast(|_| ());
        full_cpus.push(cpu_since(cpu));
        drop(outcome);
        graphgen::allocator::collect_freed();
        // The phases one by one, in the same rounds (one run of each is as noisy as the
        // machine): the fastest of each is shown.
        let (phases, made) = phases(&root, &scratch.path().join(format!("phases-{round}")))?;
        phase_rounds.push(phases);
        summary = Some(made);
        graphgen::allocator::collect_freed();
    }
    let (floor_time, full) = (fastest(&floors), fastest(&fulls));
    let made = summary.ok_or("no rounds")?;
    let best = |f: fn(&Phases) -> Duration| fastest(&phase_rounds.iter().map(f).collect::<Vec<_>>());
    let (pages_time, model_time, emit_time, write_time) = (best(|p| p.pages), best(|p| p.model), best(|p| p.emit), best(|p| p.write));
    let phases = pages_time + model_time + emit_time + write_time;

    println!("floor (read + pulldown-cmark)  {:>9}   (rounds: {})", ms(floor_time), listed(&floors, 1e3));
    println!("phase pages (fastest round)    {:>9}", ms(pages_time));
    println!("phase model (fastest round)    {:>9}", ms(model_time));
    println!("phase emit (fastest round)     {:>9}", ms(emit_time));
    println!("phase write (fastest round)    {:>9}", ms(write_time));
    println!("phases total                   {:>9}   (each phase alone, without the overlap of a whole run)", ms(phases));
    println!("full generation, first run     {:>9}", ms(first));
    println!("  then freeing its result      {:>9}", ms(drop_time));
    println!("full generation, fastest round {:>9}   (rounds: {})", ms(full), listed(&fulls, 1e3));
    println!("output: {}", made);
    println!("peak memory of the full generation (RSS high-water mark): {peak}");
    match (floor_cpus.iter().copied().collect::<Option<Vec<_>>>(), full_cpus.iter().copied().collect::<Option<Vec<_>>>()) {
        (Some(floor_cpus), Some(full_cpus)) => {
            let (floor_cpu, full_cpu) = (fastest(&floor_cpus), fastest(&full_cpus));
            println!("CPU time, all threads (least of the rounds): floor {}, full generation {}, ratio {:.2}", ms(floor_cpu), ms(full_cpu), full_cpu.as_secs_f64() / floor_cpu.as_secs_f64());
        }
        _ => println!("CPU time, all threads: unknown (no /proc/self/task here)"),
    }
    println!("ratio full/floor: {:.2} (fastest rounds; the first run against the fastest floor: {:.2})", full.as_secs_f64() / floor_time.as_secs_f64(), first.as_secs_f64() / floor_time.as_secs_f64());
    Ok(())
}

/// The time of each phase of one generation, run one after the other.
struct Phases {
    pages: Duration,
    model: Duration,
    emit: Duration,
    write: Duration,
}

/// One generation phase by phase, into `target`, and what it made (the model and output
/// themselves are freed, outside the timing, so the next round starts as the first did).
fn phases(root: &Path, target: &Path) -> Result<(Phases, String), String> {
    let mut diags = graphgen::diagnostics::Diagnostics::new();
    let t = Instant::now();
    let tree = graphgen::pages::read_tree(root, &mut diags)?;
    let pages = t.elapsed();
    let t = Instant::now();
    let model = graphgen::model::lower(&tree, &mut diags);
    let model_time = t.elapsed();
    drop(tree);
    graphgen::allocator::collect_freed();
    let t = Instant::now();
    let out = graphgen::emit::emit(&model, "graph-bench", "cargo xtask bench", &mut diags);
    let emit = t.elapsed();
    let t = Instant::now();
    graphgen::output::write_crate(target, &out, false, false)?;
    let write = t.elapsed();
    let bytes: usize = out.values().map(String::len).sum();
    let made = format!("{} files, {:.1} MB; {} types, {} enums, {} operations", out.len(), bytes as f64 / 1e6, model.types.len(), model.enums.len(), model.operations.len());
    Ok((Phases { pages, model: model_time, emit, write }, made))
}

/// Where the bench writes: in memory (`/dev/shm`) where the machine has it, as the floor
/// reads pages from the page cache, unless `TMPDIR` says otherwise. On a disk, creating a
/// file can cost far more than writing it: on an ext4 without journal (the machine this
/// bench was tuned on), each new inode is searched past the inodes deleted in the last
/// minutes, and 85 files (a v1.0 crate) took 2.5 to 5 ms to create, or 26 to 73 ms, by
/// what other programs had just deleted.
fn scratch_dir() -> Result<tempfile::TempDir, String> {
    let shm = Path::new("/dev/shm");
    let made = if std::env::var_os("TMPDIR").is_none() && shm.is_dir() { tempfile::tempdir_in(shm) } else { tempfile::tempdir() };
    made.map_err(|e| e.to_string())
}

/// Rounds of the floor and of the full generation.
const ROUNDS: usize = 5;

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn markdown_files(root: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    v.sort();
    v
}

/// Reading and parsing every page with nothing else: the least any generator must do.
fn floor(files: &[PathBuf]) -> Duration {
    use rayon::prelude::*;
    let t = Instant::now();
    let events: usize = files
        .par_iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            pulldown_cmark::Parser::new_ext(&text, pulldown_cmark::Options::ENABLE_TABLES).into_offset_iter().count()
        })
        .sum();
    std::hint::black_box(events);
    t.elapsed()
}

/// A tree of `n` copies of `docs` (`copy0/`, `copy1/`, ...).
fn replicate(docs: &Path, into: &Path, n: usize) -> Result<PathBuf, String> {
    let root = into.join("scaled");
    for i in 0..n {
        for e in walkdir::WalkDir::new(docs).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
            let rel = e.path().strip_prefix(docs).map_err(|e| e.to_string())?;
            let to = root.join(format!("copy{i}")).join(rel);
            std::fs::create_dir_all(to.parent().unwrap_or(&root)).map_err(|e| e.to_string())?;
            std::fs::copy(e.path(), &to).map_err(|e| e.to_string())?;
        }
    }
    Ok(root)
}

/// The CPU time every thread of the process has had so far (Linux: the first field of each
/// thread's `schedstat`, in nanoseconds), like [`peak_rss`] from /proc.
fn cpu_time() -> Option<Duration> {
    let tasks = std::fs::read_dir("/proc/self/task").ok()?;
    let ns: u64 = tasks
        .filter_map(Result::ok)
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    Some(Duration::from_nanos(ns))
}

/// The CPU time taken since `start` (a [`cpu_time`]).
fn cpu_since(start: Option<Duration>) -> Option<Duration> {
    Some(cpu_time()?.saturating_sub(start?))
}

/// The process's peak resident set size, from /proc (Linux).
fn peak_rss() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{:.0} MB", kb / 1024.0))
}

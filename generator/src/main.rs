//! The `graphgen` command: see `graphgen --help`.

// The generator allocates many small strings and token trees; mimalloc halves that cost.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let argv: Vec<String> = std::env::args().collect();
    let command = format!("graphgen {}", argv.iter().skip(1).cloned().collect::<Vec<_>>().join(" "));
    std::process::exit(graphgen::cli::main_with(argv, &command));
}

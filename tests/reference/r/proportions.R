# Reference intervals for clopperPearsonInterval (binom.test) and wilsonInterval
# (prop.test(correct = FALSE)). Run from the repository root: Rscript tests/reference/r/proportions.R
source("tests/reference/r/json.R")

p <- read.csv("tests/reference/data/proportions.csv")
cases <- lapply(seq_len(nrow(p)), function(i) {
  x <- p$x[i]; n <- p$n[i]; level <- p$level[i]
  cp <- binom.test(x, n, conf.level = level)$conf.int
  wi <- suppressWarnings(prop.test(x, n, correct = FALSE, conf.level = level))$conf.int
  list(x = x, n = n, level = level, estimate = x / n,
       clopper_pearson = as_array(as.numeric(cp)), wilson = as_array(as.numeric(wi)))
})
write_json_file(list(versions = versions("stats"), cases = cases), "tests/reference/expected/proportions.json")

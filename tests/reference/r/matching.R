# Reference numbers for matchControls from MatchIt::matchit(method = "nearest") on the
# CBS-style export data/matching-*.csv (one 2019 support-start cohort, exact on sex, propensity on
# birth year and INKOMEN). glm inside matchit is run with epsilon = 1e-14 (distance.options), so
# the coefficients and distances are the likelihood optimum rather than glm's stopping point.
# Run from the repository root: Rscript tests/reference/r/matching.R
source("tests/reference/r/json.R")
suppressPackageStartupMessages(library(MatchIt))

persons <- read.csv("tests/reference/data/matching-persons.csv", colClasses = "character")
support <- read.csv("tests/reference/data/matching-support.csv", colClasses = "character")
d <- data.frame(
  birthYear = as.numeric(persons$GBAGEBOORTEJAAR),
  INKOMEN = as.numeric(persons$INKOMEN),
  sex = persons$GBAGESLACHT,
  treat = as.integer(persons$RINPERSOON %in% support$RINPERSOON),
  row.names = paste0(persons$RINPERSOONS, persons$RINPERSOON)
)
stopifnot(length(unique(format(d$INKOMEN))) == nrow(d))

# The propensity model and the logit score (distance) of every person: matchit's own glm.
fit_glm <- function(ratio = 1, replace = FALSE, caliper = NULL)
  matchit(treat ~ birthYear + INKOMEN, data = d, method = "nearest", distance = "glm",
    link = "linear.logit", distance.options = list(control = glm.control(epsilon = 1e-14, maxit = 100)),
    exact = ~sex, ratio = ratio, replace = replace, caliper = caliper, std.caliper = TRUE,
    m.order = "largest")
m0 <- fit_glm()
score <- setNames(unname(m0$distance), rownames(d))

# MatchIt 4.5.1 matches on a propensity score with a fast heuristic (nn_matchC_vec) that does not
# always pick the nearest unused control (here it matches R000100015, score -0.053, to R000100045,
# -0.669, while R000100088, -0.039, is never used). Its exact greedy algorithm (nn_matchC) runs
# when the distance is a matrix; it only takes m.order "data", so the rows are put in decreasing
# order of the score, which makes "data" the "largest" order. The score is added as a covariate so
# that summary() reports its balance; the caliper is given in score units (std.caliper = FALSE).
o <- order(score, decreasing = TRUE)
ds <- d[o, ]
ds$score <- score[o]
D <- abs(outer(ds$score[ds$treat == 1], ds$score[ds$treat == 0], "-"))

smd <- function(tab, rows) {
  list(names = as_array(c("distance", "birthYear", "INKOMEN")), smd = as_array(unname(tab[rows, "Std. Mean Diff."])),
       mean_treated = as_array(unname(tab[rows, "Means Treated"])), mean_control = as_array(unname(tab[rows, "Means Control"])))
}
matches <- function(m) {
  mm <- m$match.matrix
  list(matched_treated = as_array(rownames(mm)),
       # One row per treated person, the control ids of its set in the order chosen (NA: none).
       matched_controls = lapply(seq_len(nrow(mm)), function(i) as_array(unname(mm[i, ]))))
}

one <- function(ratio, replace, caliper = NULL) {
  width <- if (is.null(caliper)) NULL else caliper * sd(score)
  m <- matchit(treat ~ birthYear + INKOMEN + score, data = ds, method = "nearest", distance = D,
    exact = ~sex, ratio = ratio, replace = replace, caliper = width, std.caliper = FALSE)
  s <- summary(m, standardize = TRUE)
  w <- setNames(m$weights, rownames(ds))[rownames(d)]
  fast <- fit_glm(ratio, replace, caliper)
  sf <- summary(fast, standardize = TRUE)
  c(list(
    ratio = ratio, replace = replace, caliper = caliper, caliper_width = width,
    coefficient_names = as_array(names(fast$model$coefficients)),
    coefficients = as_array(unname(fast$model$coefficients)),
    id = as_array(rownames(d)),
    distance = as_array(unname(fast$distance)),
    weight = as_array(unname(w)),
    unmatched_treated = as_array(rownames(d)[d$treat == 1 & w == 0]),
    sum_all = smd(s$sum.all, c("score", "birthYear", "INKOMEN")),
    sum_matched = smd(s$sum.matched, c("score", "birthYear", "INKOMEN"))),
    matches(m),
    # The fast heuristic's results with the same options, for comparison.
    list(fast_path = c(matches(fast), list(
      weight = as_array(unname(fast$weights)),
      unmatched_treated = as_array(rownames(d)[d$treat == 1 & fast$weights == 0]),
      sum_matched = smd(sf$sum.matched, c("distance", "birthYear", "INKOMEN")))))
  )
}

write_json_file(list(
  versions = versions(c("stats", "MatchIt")),
  ratio1 = one(1, FALSE),
  ratio2 = one(2, FALSE),
  replace = one(1, TRUE),
  caliper = one(1, FALSE, 0.2)
), "tests/reference/expected/matching.json")

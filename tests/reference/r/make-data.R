# Writes the small input datasets of the reference tests (tests/reference/data/*.csv).
# Deterministic: set.seed with R's default RNG (Mersenne-Twister, Rejection sampling).
# Run from the repository root: Rscript tests/reference/r/make-data.R
RNGkind("Mersenne-Twister", "Inversion", "Rejection")
out <- "tests/reference/data"

## Panel: 34 persons (16 supported, 18 controls), event time -8..-1 before, 0..3 during,
## 1..8 after; each month observed with a person-specific probability (unbalanced), some
## persons observed in one phase only. Controls carry matching weights (one weight 0) and
## matched sets; two controls sit in the same set.
set.seed(20240611)
rows <- list()
n_t <- 16; n_c <- 18
for (i in seq_len(n_t + n_c)) {
  treated <- i <= n_t
  id <- sprintf("%s%02d", if (treated) "T" else "C", if (treated) i else i - n_t)
  w <- if (treated) 1 else c(0.5, 1, 1.5, 2, 1 / 3, 2.5)[(i %% 6) + 1]
  if (id == "C07") w <- 0
  set <- if (treated) sprintf("S%02d", i) else sprintf("S%02d", ((i - n_t - 1) %% n_t) + 1)
  p_obs <- runif(1, 0.35, 0.95)
  base <- runif(1, 0.05, 0.7)
  lift <- if (treated) runif(1, 0, 0.4) else runif(1, -0.1, 0.15)
  only <- if (i %in% c(3, 20)) "before" else if (i %in% c(5, 27)) "after" else "both"
  for (k in -8:-1) if (only != "after" && runif(1) < p_obs)
    rows[[length(rows) + 1]] <- data.frame(id = id, group = if (treated) "supported" else "control",
      phase = "before", k = k, y = as.integer(runif(1) < base), w = w, set = set)
  if (treated) for (k in 0:3) if (runif(1) < p_obs)
    rows[[length(rows) + 1]] <- data.frame(id = id, group = "supported", phase = "during", k = k,
      y = as.integer(runif(1) < 0.9), w = w, set = set)
  for (k in 1:8) if (only != "before" && runif(1) < p_obs)
    rows[[length(rows) + 1]] <- data.frame(id = id, group = if (treated) "supported" else "control",
      phase = "after", k = k, y = as.integer(runif(1) < min(1, base + lift)), w = w, set = set)
}
panel <- do.call(rbind, rows)
# Shuffle the rows: the library must not rely on input order.
panel <- panel[sample.int(nrow(panel)), ]
write.csv(panel, file.path(out, "panel.csv"), row.names = FALSE, quote = FALSE)

## Logistic regression: 40 rows, a continuous covariate, a binary one, a birth year (large
## offset) and integer frequency weights; overlapping classes (no separation).
set.seed(7)
n <- 40
x1 <- round(rnorm(n), 4)
x2 <- rbinom(n, 1, 0.4)
birth_year <- sample(1958:1996, n, replace = TRUE)
eta <- -0.3 + 0.8 * x1 - 0.9 * x2 + 0.04 * (birth_year - 1975)
y <- rbinom(n, 1, plogis(eta))
w <- sample(1:3, n, replace = TRUE)
write.csv(data.frame(y, x1, x2, birth_year, w), file.path(out, "logistic.csv"), row.names = FALSE, quote = FALSE)

## Survival: 39 relationships in three groups, integer months with ties among events and
## between events and censorings; group c ends with an event (S reaches 0).
set.seed(99)
surv <- data.frame(
  time = c(sample(1:24, 15, replace = TRUE), sample(3:30, 14, replace = TRUE), c(2, 4, 4, 6, 7, 7, 9, 11, 12, 12)),
  event = c(rbinom(15, 1, 0.7), rbinom(14, 1, 0.5), c(1, 1, 0, 1, 1, 1, 0, 1, 1, 1)),
  group = rep(c("a", "b", "c"), c(15, 14, 10))
)
# Force ties of an event and a censoring at the same time in group a.
surv$time[1:2] <- 10; surv$event[1:2] <- c(1, 0)
write.csv(surv, file.path(out, "survival.csv"), row.names = FALSE, quote = FALSE)

## Proportions: counts, totals and levels, including the boundaries.
props <- data.frame(
  x = c(0, 1, 3, 10, 7, 50, 1, 0, 119, 2, 33),
  n = c(10, 10, 10, 10, 23, 120, 1, 1, 120, 7, 34),
  level = c(0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.9, 0.99, 0.9, 0.99)
)
write.csv(props, file.path(out, "proportions.csv"), row.names = FALSE, quote = FALSE)

## Survival with a censoring before the first event (S = 1 at a curve time) and a tie of an
## event and a censoring at the last time.
early <- data.frame(time = c(1, 2, 3, 4, 5, 5, 6, 8), event = c(0, 1, 0, 1, 1, 0, 1, 0))
write.csv(early, file.path(out, "survival-early-censoring.csv"), row.names = FALSE, quote = FALSE)

## Matching: a CBS-style export (persons and support spells; no employment) of 30 supported
## persons, all starting support in 2019 (one start-year cohort), and 68 never-supported
## candidates. Sex 2 has 14 supported and 22 candidates, so 2:1 matching without replacement
## runs out of controls there. INKOMEN has 4 decimals and differs between everyone, so no two
## persons share a propensity score. Supported persons are older and earn less; the youngest,
## best-paid supported persons have no candidate nearby (caliper). Persons are shuffled.
set.seed(31)
n_t <- c(16, 14); n_c <- c(46, 22)
sex <- c(rep(1:2, n_t), rep(1:2, n_c))
supported <- rep(c(TRUE, FALSE), c(sum(n_t), sum(n_c)))
birth <- ifelse(supported, round(rnorm(length(sex), 1976, 8)), round(rnorm(length(sex), 1983, 9)))
income <- ifelse(supported, runif(length(sex), 12, 45), runif(length(sex), 18, 60))
income <- round(income, 4)
stopifnot(!anyDuplicated(income))
ord <- sample.int(length(sex))
persons <- data.frame(RINPERSOONS = "R", RINPERSOON = sprintf("%09d", 100000 + seq_along(ord)),
  GBAGEBOORTEJAAR = birth[ord], GBAGESLACHT = sex[ord], INKOMEN = sprintf("%.4f", income[ord]))
sup_idx <- which(supported[ord])
start <- as.Date("2019-01-01") + sample(0:364, length(sup_idx), replace = TRUE)
end <- start + sample(90:700, length(sup_idx), replace = TRUE)
support <- data.frame(RINPERSOONS = "R", RINPERSOON = persons$RINPERSOON[sup_idx],
  AANVBUS = format(start, "%Y%m%d"), EINDBUS = ifelse(seq_along(sup_idx) %% 4 == 0, "88888888", format(end, "%Y%m%d")),
  REGELING = "Participatiewet", WERKGEVERTYPE = "regulier")
write.csv(persons, file.path(out, "matching-persons.csv"), row.names = FALSE, quote = FALSE)
write.csv(support, file.path(out, "matching-support.csv"), row.names = FALSE, quote = FALSE)

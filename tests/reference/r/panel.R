# Reference numbers for phaseAverages and diffInDiff from R lm + sandwich::vcovCL(type = "HC1").
# Run from the repository root: Rscript tests/reference/r/panel.R
suppressPackageStartupMessages(library(sandwich))
source("tests/reference/r/json.R")

all_rows <- read.csv("tests/reference/data/panel.csv", stringsAsFactors = FALSE)
# Persons with weight 0 carry no information in a weighted fit; the library leaves them out
# entirely, as MatchIt::match.data() does (otherwise vcovCL would still count their cluster in G).
# Unweighted fits keep them.
positive <- all_rows[all_rows$w > 0, ]
z <- qnorm(0.975)

# Coefficient, CR1 standard error and the counts behind one clustered lm.
clustered <- function(formula, d, cluster, weighted, contrast = NULL, df = "normal") {
  fit <- if (weighted) lm(formula, data = d, weights = w) else lm(formula, data = d)
  V <- vcovCL(fit, cluster = d[[cluster]], type = "HC1")
  cvec <- if (is.null(contrast)) c(rep(0, length(coef(fit)) - 1), 1) else contrast
  est <- sum(cvec * coef(fit))
  se <- sqrt(drop(t(cvec) %*% V %*% cvec))
  G <- length(unique(d[[cluster]]))
  crit <- if (df == "normal") z else qt(0.975, G - 1)
  list(estimate = est, se = se, ci_low = est - crit * se, ci_high = est + crit * se,
       n_person_months = nrow(d), n_persons = length(unique(d$id)), n_clusters = G)
}

# Phase averages: lm(y ~ 1) per phase, lm(y ~ after) on stacked before + after for the change.
phase_averages <- function(cluster, weighted, windows = list(), paired = FALSE, df = "normal") {
  d <- if (weighted) positive else all_rows
  for (ph in names(windows)) {
    r <- windows[[ph]]
    d <- d[d$phase != ph | (d$k >= r[1] & d$k <= r[2]), ]
  }
  out <- list()
  for (g in sort(unique(d$group))) {
    dg <- d[d$group == g, ]
    if (paired) {
      both <- intersect(dg$id[dg$phase == "before"], dg$id[dg$phase == "after"])
      dg <- dg[dg$id %in% both, ]
    }
    for (ph in c("before", "during", "after")) {
      dp <- dg[dg$phase == ph, ]
      if (nrow(dp) == 0) next
      out[[length(out) + 1]] <- c(list(group = g, quantity = ph), clustered(y ~ 1, dp, cluster, weighted, df = df))
    }
    ds <- dg[dg$phase %in% c("before", "after"), ]
    ds$after <- as.numeric(ds$phase == "after")
    out[[length(out) + 1]] <- c(list(group = g, quantity = "change"), clustered(y ~ after, ds, cluster, weighted, df = df))
  }
  out
}

# DiD: coefficient of treated:after in lm(y ~ treated * after, weights = w) on stacked
# before + after person-months; cell means as linear combinations of the coefficients.
did <- function(cluster, df = "normal") {
  d <- positive[positive$phase %in% c("before", "after"), ]
  d$treated <- as.numeric(d$group == "supported")
  d$after <- as.numeric(d$phase == "after")
  # Coefficients: (Intercept), treated, after, treated:after.
  combos <- list(
    list(group = "supported", phase = "before", c = c(1, 1, 0, 0)),
    list(group = "supported", phase = "after", c = c(1, 1, 1, 1)),
    list(group = "control", phase = "before", c = c(1, 0, 0, 0)),
    list(group = "control", phase = "after", c = c(1, 0, 1, 0))
  )
  main <- clustered(y ~ treated * after, d, cluster, TRUE, df = df)
  cells <- lapply(combos, function(cb) {
    r <- clustered(y ~ treated * after, d, cluster, TRUE, contrast = cb$c, df = df)
    inCell <- d$group == cb$group & d$phase == cb$phase
    list(group = cb$group, phase = cb$phase, estimate = r$estimate, se = r$se, ci_low = r$ci_low, ci_high = r$ci_high,
         n_person_months = sum(inCell), n_persons = length(unique(d$id[inCell])), weight = sum(d$w[inCell]))
  })
  c(main, list(cells = cells))
}

write_json_file(list(
  versions = versions("sandwich"),
  phase_averages = list(
    person_weighted = phase_averages("id", TRUE),
    person_unweighted = phase_averages("id", FALSE),
    set_weighted = phase_averages("set", TRUE),
    windows_paired_t = phase_averages("id", TRUE, windows = list(before = c(-6, -1), after = c(2, 8)), paired = TRUE, df = "cluster")
  ),
  did = list(
    person = did("id"),
    set = did("set"),
    person_t = did("id", df = "cluster")
  )
), "tests/reference/expected/panel.json")

# Reference numbers for logisticRegression from glm(family = binomial).
# The convergence tolerance is tightened (glm's default epsilon 1e-8 leaves the coefficients
# accurate to about 1e-6 only), so the reference is the maximum-likelihood solution itself.
# Run from the repository root: Rscript tests/reference/r/logistic.R
source("tests/reference/r/json.R")

d <- read.csv("tests/reference/data/logistic.csv")
ctrl <- glm.control(epsilon = 1e-14, maxit = 100)

one <- function(fit) {
  s <- summary(fit)$coefficients
  list(names = as_array(rownames(s)), coefficients = as_array(unname(s[, 1])), se = as_array(unname(s[, 2])),
       deviance = deviance(fit), iterations = fit$iter)
}

write_json_file(list(
  versions = versions("stats"),
  weighted = one(glm(y ~ x1 + x2 + birth_year, family = binomial, data = d, weights = w, control = ctrl)),
  unweighted = one(glm(y ~ x1 + x2 + birth_year, family = binomial, data = d, control = ctrl)),
  no_intercept = one(glm(y ~ 0 + x1 + x2, family = binomial, data = d, control = ctrl)),
  # R's defaults, to show how far glm's own stopping rule is from the optimum.
  weighted_default_control = one(glm(y ~ x1 + x2 + birth_year, family = binomial, data = d, weights = w))
), "tests/reference/expected/logistic.json")

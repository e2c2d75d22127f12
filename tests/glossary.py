"""The glossary: each term in one plain sentence, and the section that
teaches it. ``make nav`` writes it into the README (``navigation.py``); the
book shows it as a page of its own (``book.py``)."""

# (term, one plain sentence, notebook number, the home section's heading)
GLOSSARY = [
    (
        "IDX file",
        "The binary format of the MNIST files: a magic number, the sizes, "
        "then one byte per pixel or label.",
        "01",
        "What is in an IDX file",
    ),
    (
        "Checksum (SHA-256)",
        "A fingerprint of a file's bytes: change one byte and it changes, "
        "so a match shows the file is the one the fingerprint was taken of.",
        "01",
        "Checking the files (optional)",
    ),
    (
        "Min-max scaling",
        "Dividing pixel values by 255, so that they lie between 0 and 1.",
        "01",
        "Scaling and flattening",
    ),
    (
        "Standardisation",
        "Subtracting each feature's mean and dividing by its standard "
        "deviation, so that each has mean 0 and standard deviation 1.",
        "03",
        "Standardisation or min-max scaling? (optional)",
    ),
    (
        "SGD",
        "Stochastic gradient descent: training that nudges a model's "
        "weights after each image (or small batch) to lower its loss.",
        "02",
        "A first classifier: SGD",
    ),
    (
        "Epoch",
        "One pass of training over all the training images.",
        "02",
        "A first classifier: SGD",
    ),
    (
        "Cross-validation",
        "Splitting the training images into folds, then training on all "
        "but one fold and scoring the one left out, for each fold in turn.",
        "02",
        "Cross-validation",
    ),
    (
        "Out-of-fold prediction",
        "A prediction for an image from the cross-validation model that "
        "did not train on it.",
        "02",
        "Cross-validation",
    ),
    (
        "Dummy baseline",
        "A model that ignores the image, such as one that always answers "
        "the most common class; a real model must beat it.",
        "02",
        "The accuracy trap",
    ),
    (
        "Confusion matrix",
        "A table that counts, for each true class (a row), how often each "
        "class was predicted (a column).",
        "02",
        "The confusion matrix",
    ),
    (
        "Precision",
        "Of the images a model calls positive, the share that are.",
        "02",
        "Precision, recall and F1",
    ),
    (
        "Recall",
        "Of the positive images, the share the model calls positive; also "
        "called sensitivity or the true positive rate.",
        "02",
        "Precision, recall and F1",
    ),
    (
        "F1 score",
        "The harmonic mean of precision and recall.",
        "02",
        "Precision, recall and F1",
    ),
    (
        "Decision threshold",
        "The score above which a classifier answers positive; moving it "
        "trades precision against recall.",
        "02",
        "Scores and thresholds",
    ),
    (
        "Average precision (AP)",
        "A summary of the precision/recall curve: the precision averaged "
        "over the positives, each taken at the threshold that just "
        "admits it.",
        "02",
        "The precision/recall curve",
    ),
    (
        "ROC curve, AUC",
        "The true positive rate against the false positive rate as the "
        "threshold moves; the area under it is the chance that a random "
        "positive scores above a random negative (ties count half).",
        "02",
        "The ROC curve",
    ),
    (
        "Test set",
        "Images kept apart from every choice and used once, at the end, to "
        "estimate how the chosen model does on new images.",
        "02",
        "The test set, once",
    ),
    (
        "Validation set",
        "Images held out from training, on which we compare models and "
        "make choices, so that the test set stays unused.",
        "04",
        "Three groups of images",
    ),
    (
        "One-vs-rest (OvR)",
        "Ten-class classification by one binary classifier per class, each "
        "telling its class from all the others; the highest score wins.",
        "03",
        "One-vs-rest: one binary classifier per digit",
    ),
    (
        "One-vs-one (OvO)",
        "Ten-class classification by one binary classifier per pair of "
        "classes, 45 for ten digits, which then vote.",
        "03",
        "One-vs-one (optional)",
    ),
    (
        "Log loss (cross-entropy)",
        "The average of minus the logarithm of the probability a model "
        "gave the true class; confident mistakes cost the most.",
        "03",
        "Log loss (cross-entropy)",
    ),
    (
        "k-nearest neighbours (k-NN)",
        "A classifier that stores the training images and labels a new "
        "image by a vote of the k stored images closest to it.",
        "04",
        "A classifier that remembers",
    ),
    (
        "Grid search",
        "Trying every combination of settings on a grid and keeping the "
        "one with the best cross-validated score.",
        "04",
        "A grid search on validation folds",
    ),
    (
        "Multilabel classification",
        "Several yes/no labels for each example at once.",
        "04",
        "Two labels per image: multilabel classification (optional)",
    ),
    (
        "Softmax",
        "A function that turns ten scores into ten positive numbers that "
        "sum to 1, read as the probabilities of the ten digits.",
        "05",
        "A single dense layer with softmax",
    ),
    (
        "Dense layer",
        "A layer in which every output is a weighted sum of all its "
        "inputs, plus a bias.",
        "05",
        "A single dense layer with softmax",
    ),
    (
        "Hidden layer",
        "A layer between the input and the output layer.",
        "05",
        "A hidden layer",
    ),
    (
        "Training curves",
        "Loss and accuracy on the training and the validation rows, epoch "
        "by epoch.",
        "05",
        "Training curves",
    ),
    (
        "Logits",
        "The scores a network gives before its softmax; a loss told "
        "`from_logits=True` applies the softmax itself.",
        "05",
        "A single dense layer with softmax",
    ),
    (
        "Convolution",
        "Sliding a small filter over an image and computing, at each "
        "position, a weighted sum of the pixels under it.",
        "06",
        "What a filter computes",
    ),
    (
        "Dropout",
        "During training, setting a random share of a layer's outputs to "
        "zero at each step, a common guard against overfitting.",
        "06",
        "The model",
    ),
    (
        "Standard error",
        "The typical size of the difference between an estimate and what "
        "another sample of the same size would give.",
        "02",
        "The test set, once",
    ),
    (
        "Row-normalised confusion matrix",
        "Each row divided by its total, the class's size: the diagonal "
        "then holds each class's recall.",
        "07",
        "Four heatmaps of one matrix",
    ),
    (
        "Column-normalised confusion matrix",
        "Each column divided by its total, how often the model gave that "
        "answer: the diagonal then holds each class's precision.",
        "07",
        "Four heatmaps of one matrix",
    ),
    (
        "Macro average",
        "The plain mean of a metric over the classes, each class counting "
        "the same.",
        "08",
        "Three averages, by hand",
    ),
    (
        "Weighted average",
        "The mean of a metric over the classes, each weighted by its share "
        "of the true labels.",
        "08",
        "Three averages, by hand",
    ),
    (
        "Micro average",
        "A metric computed once from counts pooled over all classes; with "
        "one label per image, micro precision, recall and F1 equal accuracy.",
        "08",
        "Three averages, by hand",
    ),
    (
        "Bootstrap",
        "Resampling the test set with replacement many times and "
        "recomputing a metric, to see how much it would vary.",
        "09",
        "Bootstrap confidence intervals",
    ),
    (
        "Confidence interval",
        "A range computed from the data that, by its construction, covers "
        "the true value in a stated share (such as 95%) of samples.",
        "09",
        "Bootstrap confidence intervals",
    ),
    (
        "p-value",
        "If there were no real difference, the chance of a result at least "
        "as extreme as the one observed; not the chance that there is none.",
        "09",
        "McNemar's exact test and the p-value",
    ),
    (
        "McNemar's test",
        "A test of two models on the same images that looks only at the "
        "images where exactly one of them is right.",
        "09",
        "McNemar's exact test and the p-value",
    ),
    (
        "Cochran's Q",
        "A test of whether several models on the same images differ at "
        "all; it does not say which ones.",
        "09",
        "Cochran's Q: any difference among the five?",
    ),
    (
        "Holm's correction",
        "A step-down adjustment of many p-values, so that the chance of "
        "any false finding among them stays below the chosen level.",
        "09",
        "Ten pairs and Holm's correction",
    ),
    (
        "Calibration",
        "How well a model's stated probabilities match how often it is "
        "right: of the answers given with 0.8, about 80% should be right.",
        "10",
        "Measuring calibration",
    ),
    (
        "Brier score",
        "The squared distance between the probabilities and the one-hot "
        "true label, summed over the classes and averaged over the images.",
        "10",
        "Measuring calibration",
    ),
    (
        "Expected calibration error (ECE)",
        "The gap between confidence and accuracy within bins of "
        "confidence, averaged over the bins weighted by their sizes.",
        "10",
        "Measuring calibration",
    ),
    (
        "Reliability diagram",
        "Accuracy against confidence, bin by bin; a calibrated model lies "
        "on the diagonal.",
        "10",
        "Reliability diagrams",
    ),
    (
        "Temperature scaling",
        "Dividing a model's logits by one number T, chosen on validation "
        "data, before the softmax: T above 1 softens the probabilities.",
        "10",
        "Temperature scaling by hand",
    ),
    (
        "Reject option",
        "Letting a model decline to answer when its confidence is below a "
        "threshold, trading coverage for accuracy.",
        "10",
        "A reject option",
    ),
    (
        "Training luck",
        "How much a score moves when only the random seed of training "
        "changes: the same recipe, the same data, another network.",
        "11",
        "Training luck: one recipe, five seeds",
    ),
    (
        "5x2cv test",
        "A test of two learning methods, not two trained models: five "
        "repetitions of a two-fold split, with both methods trained on "
        "each half.",
        "11",
        "Comparing two methods: the 5×2cv tests",
    ),
]

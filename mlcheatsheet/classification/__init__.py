"""Classification: logistic and softmax regression, classification and ranking metrics."""

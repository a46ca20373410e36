#include "dstnotes.h"

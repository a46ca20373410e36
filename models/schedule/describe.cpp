#include "describe.h"

package com.broken

class Widget {
    String name =
}

// withBanner { … }: a variable taking a block, printing the library's resources/banner.txt around it.
def call(Closure body) {
    String banner = libraryResource('banner.txt').trim()
    echo banner
    def result = body()
    echo banner
    return result
}
